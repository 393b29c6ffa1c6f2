import { defineEvent, payload } from '@orchestrix/core';

/** The order's total, `amount`, was paid: it is PAID and can be shipped. */
export const OrderPaid = defineEvent('OrderPaid', payload<{ orderId: string; amount: number }>());
