import { defineCommand, validateNotEmpty, validatePositive } from '@orchestrix/core';

/**
 * Asks to pay a positive `amount` into account `accountId`.
 *
 * @throws {@link ValidationError} from the factory for an empty id or reference, or an amount that is not positive.
 * @example const command = DepositMoney({ accountId: 'alice', amount: 200, reference: 'salary' });
 */
export const DepositMoney = defineCommand(
  'DepositMoney',
  (input: { accountId: string; amount: number; reference: string }) => {
    validateNotEmpty(input.accountId, 'accountId');
    validatePositive(input.amount, 'amount');
    validateNotEmpty(input.reference, 'reference');
    return input;
  },
);
