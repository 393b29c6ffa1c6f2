import { defineEvent, type NewDeadLetter, payload } from '@orchestrix/core';

/** The event type the DeadLetterQueue contract's letters carry. */
export const PaymentReceived = defineEvent('PaymentReceived', payload<{ paymentId: string }>());

/** A second event type, for the message type filter. */
export const RefundIssued = defineEvent('RefundIssued', payload<{ paymentId: string }>());

/** A new letter for `handlerName`, failed at second `second` of 2026-01-01, carrying a fresh message. */
export function newLetter(
  handlerName: string,
  second: number,
  type: typeof PaymentReceived | typeof RefundIssued = PaymentReceived,
): NewDeadLetter {
  return {
    message: type({ paymentId: `payment-${second}` }),
    handlerName,
    attempts: 3,
    error: { name: 'TypeError', message: 'card declined' },
    failedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString(),
  };
}
