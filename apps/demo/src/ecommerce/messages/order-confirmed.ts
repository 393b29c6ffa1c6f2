import { defineEvent, payload } from '@orchestrix/core';

/** The order is paid and reserved, and now CONFIRMED: it can no longer be cancelled. */
export const OrderConfirmed = defineEvent('OrderConfirmed', payload<{ orderId: string }>());
