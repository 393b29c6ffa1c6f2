import { defineCommand, validateNonNegative, validateNotEmpty } from '@orchestrix/core';

/**
 * Asks to open account `accountId` for `owner` with a non-negative `openingBalance`.
 *
 * @throws {@link ValidationError} from the factory for an empty id or owner, or a negative balance.
 * @example const command = OpenAccount({ accountId: 'alice', owner: 'Alice', openingBalance: 1000 });
 */
export const OpenAccount = defineCommand(
  'OpenAccount',
  (input: { accountId: string; owner: string; openingBalance: number }) => {
    validateNotEmpty(input.accountId, 'accountId');
    validateNotEmpty(input.owner, 'owner');
    validateNonNegative(input.openingBalance, 'openingBalance');
    return input;
  },
);
