import { OrchestrixError } from '@orchestrix/core';

/** An account was asked to open a second time. Nothing was written. */
export class AccountAlreadyOpenError extends OrchestrixError {
  readonly code = 'ACCOUNT_ALREADY_OPEN';
  readonly accountId: string;

  constructor(accountId: string) {
    super(`Account "${accountId}" is already open: deposit into it, or open an account with another id.`);
    this.accountId = accountId;
  }
}
