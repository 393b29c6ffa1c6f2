import { OrchestrixError } from '@orchestrix/core';

/** A withdrawal asked for more than the account holds. Nothing was written; the account is unchanged. */
export class InsufficientFundsError extends OrchestrixError {
  readonly code = 'INSUFFICIENT_FUNDS';
  readonly accountId: string;
  /** What the account held when the withdrawal was refused. */
  readonly balance: number;
  /** What the withdrawal asked for. */
  readonly requested: number;

  constructor(accountId: string, balance: number, requested: number) {
    super(
      `Account "${accountId}" holds ${balance}, less than the ${requested} requested: withdraw at most the balance.`,
    );
    this.accountId = accountId;
    this.balance = balance;
    this.requested = requested;
  }
}
