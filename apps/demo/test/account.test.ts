import { ValidationError } from '@orchestrix/core';
import { given } from '@orchestrix/testing';
import { describe, expect, it } from 'vitest';
import { Account } from '../src/banking/account';
import { AccountAlreadyOpenError } from '../src/banking/account-already-open-error';
import { InsufficientFundsError } from '../src/banking/insufficient-funds-error';
import { AccountOpened } from '../src/banking/messages/account-opened';
import { MoneyDeposited } from '../src/banking/messages/money-deposited';
import { MoneyWithdrawn } from '../src/banking/messages/money-withdrawn';
import { TransferMoney } from '../src/banking/messages/transfer-money';

const opened = AccountOpened({ accountId: 'alice', owner: 'Alice', openingBalance: 1000 });

describe('Account', () => {
  it('opens with a non-negative opening balance', async () => {
    await given(Account)
      .when((account) => account.open('alice', 'Alice', 0))
      .then([AccountOpened({ accountId: 'alice', owner: 'Alice', openingBalance: 0 })]);
  });

  it('refuses a negative opening balance', async () => {
    const error = await given(Account)
      .when((account) => account.open('alice', 'Alice', -1))
      .thenThrows(ValidationError);

    expect(error.code).toBe('VALIDATION');
    expect(error.field).toBe('openingBalance');
  });

  it('refuses to open an account twice', async () => {
    const error = await given(Account, [opened])
      .when((account) => account.open('alice', 'Alice', 5))
      .thenThrows(AccountAlreadyOpenError);

    expect(error.code).toBe('ACCOUNT_ALREADY_OPEN');
  });

  it('adds a deposit to the balance', async () => {
    const account = await given(Account, [opened])
      .when((account) => account.deposit(200, 'salary'))
      .then([MoneyDeposited({ accountId: 'alice', amount: 200, reference: 'salary' })]);

    expect(account.balance).toBe(1200);
  });

  it.each([0, -5, Number.NaN])('refuses a deposit of %s', async (amount) => {
    const error = await given(Account, [opened])
      .when((account) => account.deposit(amount, 'salary'))
      .thenThrows(ValidationError);

    expect(error.field).toBe('amount');
  });

  it('withdraws the whole balance down to zero', async () => {
    const account = await given(Account, [opened])
      .when((account) => account.withdraw(1000, 'rent'))
      .then([MoneyWithdrawn({ accountId: 'alice', amount: 1000, reference: 'rent' })]);

    expect(account.balance).toBe(0);
  });

  it('refuses an overdraft with the balance and the amount requested', async () => {
    const history = [opened, MoneyWithdrawn({ accountId: 'alice', amount: 950, reference: 'rent' })];

    const error = await given(Account, history)
      .when((account) => account.withdraw(51, 'groceries'))
      .thenThrows(InsufficientFundsError);

    expect(error).toMatchObject({ code: 'INSUFFICIENT_FUNDS', accountId: 'alice', balance: 50, requested: 51 });
  });

  it('applies nothing when it refuses an overdraft', async () => {
    await given(Account, [opened])
      .when((account) => {
        expect(() => account.withdraw(1001, 'groceries')).toThrow(InsufficientFundsError);
      })
      .thenState((account) => {
        expect(account.uncommittedEvents).toEqual([]);
        expect(account.balance).toBe(1000);
        expect(account.version).toBe(1);
      });
  });

  it('rebuilds its balance from its history', async () => {
    const history = [
      opened,
      MoneyDeposited({ accountId: 'alice', amount: 100, reference: 'refund' }),
      MoneyWithdrawn({ accountId: 'alice', amount: 250, reference: 'transfer transfer-1 to bob' }),
    ];

    await given(Account, history)
      .when(() => {})
      .thenState((account) => {
        expect(account.balance).toBe(850);
        expect(account.version).toBe(3);
      });
  });
});

describe('TransferMoney', () => {
  it('refuses a transfer from an account to itself', () => {
    let thrown: unknown;

    try {
      TransferMoney({ transferId: 'transfer-1', fromAccountId: 'alice', toAccountId: 'alice', amount: 5 });
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(ValidationError);
    expect(thrown).toMatchObject({ code: 'VALIDATION', field: 'toAccountId' });
  });
});
