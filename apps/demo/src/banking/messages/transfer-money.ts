import { defineCommand, ValidationError, validateNotEmpty, validatePositive } from '@orchestrix/core';

/**
 * Asks to move a positive `amount` from one account to another: a withdrawal, then a deposit.
 *
 * @throws {@link ValidationError} from the factory for empty ids, the same account on both sides, or an
 * amount that is not positive.
 * @example const command = TransferMoney({ transferId: 'transfer-1', fromAccountId: 'alice', toAccountId: 'bob', amount: 250 });
 */
export const TransferMoney = defineCommand(
  'TransferMoney',
  (input: { transferId: string; fromAccountId: string; toAccountId: string; amount: number }) => {
    validateNotEmpty(input.transferId, 'transferId');
    validateNotEmpty(input.fromAccountId, 'fromAccountId');
    validateNotEmpty(input.toAccountId, 'toAccountId');
    if (input.fromAccountId === input.toAccountId) {
      throw new ValidationError('toAccountId', input.toAccountId, 'toAccountId must differ from fromAccountId');
    }
    validatePositive(input.amount, 'amount');
    return input;
  },
);
