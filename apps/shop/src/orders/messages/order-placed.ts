import { defineEvent, payload } from '@orchestrix/core';
import type { OrderItem } from '../order-item';

/** An order was placed: it is PENDING, awaiting payment of `totalAmount`. */
export const OrderPlaced = defineEvent(
  'OrderPlaced',
  payload<{ orderId: string; customerId: string; items: readonly OrderItem[]; totalAmount: number }>(),
);
