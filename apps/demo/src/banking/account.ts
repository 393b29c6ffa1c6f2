import {
  AggregateRoot,
  type MessageOf,
  validateNonNegative,
  validateNotEmpty,
  validatePositive,
} from '@orchestrix/core';
import { AccountAlreadyOpenError } from './account-already-open-error';
import { InsufficientFundsError } from './insufficient-funds-error';
import { AccountOpened } from './messages/account-opened';
import { MoneyDeposited } from './messages/money-deposited';
import { MoneyWithdrawn } from './messages/money-withdrawn';

/**
 * A bank account, event-sourced: it opens with a non-negative balance, takes positive deposits and
 * withdrawals, and never goes below zero.
 *
 * @example
 * await repository.handle(Account, 'alice', (account) => account.deposit(200, 'salary'));
 */
export class Account extends AggregateRoot {
  owner = '';
  balance = 0;

  /** `true` once the account has been opened. */
  isOpen(): boolean {
    return this.version > 0;
  }

  /**
   * Opens the account.
   *
   * @throws {@link AccountAlreadyOpenError} when it is open already.
   * @throws {@link ValidationError} for an empty id or owner, or a negative opening balance.
   */
  open(accountId: string, owner: string, openingBalance: number): void {
    if (this.isOpen()) throw new AccountAlreadyOpenError(this.aggregateId);
    validateNotEmpty(accountId, 'accountId');
    validateNotEmpty(owner, 'owner');
    validateNonNegative(openingBalance, 'openingBalance');
    this.applyEvent(AccountOpened({ accountId, owner, openingBalance }));
  }

  /**
   * Pays `amount` in.
   *
   * @throws {@link ValidationError} when `amount` is not positive.
   */
  deposit(amount: number, reference: string): void {
    validatePositive(amount, 'amount');
    this.applyEvent(MoneyDeposited({ accountId: this.aggregateId, amount, reference }));
  }

  /**
   * Takes `amount` out, never more than the balance.
   *
   * @throws {@link ValidationError} when `amount` is not positive.
   * @throws {@link InsufficientFundsError} when `amount` exceeds the balance; nothing is applied.
   */
  withdraw(amount: number, reference: string): void {
    validatePositive(amount, 'amount');
    if (amount > this.balance) throw new InsufficientFundsError(this.aggregateId, this.balance, amount);
    this.applyEvent(MoneyWithdrawn({ accountId: this.aggregateId, amount, reference }));
  }

  protected whenAccountOpened(event: MessageOf<typeof AccountOpened>): void {
    this.aggregateId = event.data.accountId;
    this.owner = event.data.owner;
    this.balance = event.data.openingBalance;
  }

  protected whenMoneyDeposited(event: MessageOf<typeof MoneyDeposited>): void {
    this.balance += event.data.amount;
  }

  protected whenMoneyWithdrawn(event: MessageOf<typeof MoneyWithdrawn>): void {
    this.balance -= event.data.amount;
  }
}
