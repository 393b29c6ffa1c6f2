import { defineEvent, payload } from '@orchestrix/core';

/** The order was CANCELLED before confirmation, for `reason`. */
export const OrderCancelled = defineEvent('OrderCancelled', payload<{ orderId: string; reason: string }>());
