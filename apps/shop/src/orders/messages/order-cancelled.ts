import { defineEvent, payload } from '@orchestrix/core';

/** The order was CANCELLED before it shipped; `reason` is `null` when the customer gave none. */
export const OrderCancelled = defineEvent('OrderCancelled', payload<{ orderId: string; reason: string | null }>());
