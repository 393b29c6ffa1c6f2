import { defineEvent, payload } from '@orchestrix/core';

/** The order's `amount` was paid: it is PAID. */
export const PaymentCompleted = defineEvent('PaymentCompleted', payload<{ orderId: string; amount: number }>());
