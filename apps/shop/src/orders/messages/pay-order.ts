import { defineCommand, validatePositive } from '@orchestrix/core';
import { validateExpectedVersion } from '../validate-expected-version';
import { validateText } from '../validate-text';

/**
 * Asks to pay order `orderId`: `amount` must be the order's total. With `expectedVersion`, the order must
 * still be at that version (the one the client read), or the command fails with a `ConcurrencyError`.
 *
 * @throws {@link ValidationError} from the factory for an empty id, an amount that is not positive, or an
 * `expectedVersion` that is not a whole number of at least 1.
 * @example const command = PayOrder({ orderId: 'order-1', amount: 59.98 });
 */
export const PayOrder = defineCommand(
  'PayOrder',
  (input: { orderId: string; amount: number; expectedVersion?: number }) => {
    validateText(input.orderId, 'orderId');
    validatePositive(input.amount, 'amount');
    validateExpectedVersion(input.expectedVersion);
    const { orderId, amount, expectedVersion } = input;
    return { orderId, amount, ...(expectedVersion === undefined ? {} : { expectedVersion }) };
  },
);
