import { describe, expect, it } from 'vitest';
import { caughtError } from '../internal/caught-error';
import { defineEvent, type MessageOf, payload } from '../messages/define-message';
import type { Event } from '../messages/message';
import { AggregateRoot } from './aggregate-root';

const AccountOpened = defineEvent('account-opened', payload<{ accountId: string }>());
const FundsDeposited = defineEvent('bank.FundsDeposited', payload<{ amount: number }>());
const OverdraftRequested = defineEvent('overdraft_requested', payload<{ amount: number }>());
const StatementPrinted = defineEvent('StatementPrinted');

class OverdraftRefused extends Error {}

class Account extends AggregateRoot {
  balance = 0;

  open(accountId: string): void {
    this.applyEvent(AccountOpened({ accountId }));
  }

  deposit(amount: number): void {
    this.applyEvent(FundsDeposited({ amount }));
  }

  requestOverdraft(amount: number): void {
    this.applyEvent(OverdraftRequested({ amount }));
  }

  printStatement(): void {
    this.applyEvent(StatementPrinted());
  }

  protected whenAccountOpened(event: MessageOf<typeof AccountOpened>): void {
    this.aggregateId = event.data.accountId;
  }

  protected whenFundsDeposited(event: MessageOf<typeof FundsDeposited>): void {
    this.balance += event.data.amount;
  }

  protected whenOverdraftRequested(): void {
    throw new OverdraftRefused('no overdraft for this account');
  }
}

function history(): Event[] {
  return [AccountOpened({ accountId: 'acc-1' }), FundsDeposited({ amount: 30 }), FundsDeposited({ amount: 12 })];
}

describe('AggregateRoot', () => {
  it('starts at version 0 with no uncommitted events', () => {
    const account = new Account();

    expect(account.version).toBe(0);
    expect(account.uncommittedEvents).toEqual([]);
  });

  it('calls the mutator named after the event type', () => {
    const account = new Account();

    account.open('acc-1');
    account.deposit(30);

    expect(account.aggregateId).toBe('acc-1');
    expect(account.balance).toBe(30);
  });

  it('records an applied event and increments the version', () => {
    const account = new Account();

    account.deposit(30);

    expect(account.version).toBe(1);
    expect(account.uncommittedEvents.map((event) => event.type)).toEqual(['bank.FundsDeposited']);
  });

  it('records nothing and keeps the version when the mutator throws', () => {
    const account = new Account();
    account.deposit(30);

    const error = caughtError(() => account.requestOverdraft(100));

    expect(error).toBeInstanceOf(OverdraftRefused);
    expect(account.version).toBe(1);
    expect(account.uncommittedEvents).toHaveLength(1);
  });

  it('counts and records an event that has no mutator', () => {
    const account = new Account();

    account.printStatement();

    expect(account.version).toBe(1);
    expect(account.uncommittedEvents.map((event) => event.type)).toEqual(['StatementPrinted']);
  });

  it('leaves the state alone for an event that has no mutator', () => {
    const account = new Account();
    account.deposit(30);

    account.printStatement();

    expect(account.balance).toBe(30);
  });

  it('rebuilds state and version from history without recording the events', () => {
    const account = new Account();

    account.loadFromHistory(history());

    expect(account).toMatchObject({ aggregateId: 'acc-1', balance: 42, version: 3 });
    expect(account.uncommittedEvents).toEqual([]);
  });

  it('counts new events on top of the history', () => {
    const account = new Account();
    account.loadFromHistory(history());

    account.deposit(8);

    expect(account.version).toBe(4);
    expect(account.uncommittedEvents).toHaveLength(1);
  });

  it('forgets the uncommitted events and keeps the version when they are marked committed', () => {
    const account = new Account();
    account.open('acc-1');
    account.deposit(30);

    account.markEventsCommitted();

    expect(account.uncommittedEvents).toEqual([]);
    expect(account.version).toBe(2);
  });

  // STYLE §5: values we hand out are readonly in their type and frozen at runtime.
  it('hands out uncommitted events that callers cannot change', () => {
    const account = new Account();
    account.deposit(30);

    const events = account.uncommittedEvents;

    expect(Object.isFrozen(events)).toBe(true);
  });

  it('keeps a list of uncommitted events it handed out unchanged by later events', () => {
    const account = new Account();
    account.deposit(30);
    const before = account.uncommittedEvents;

    account.deposit(12);

    expect(before).toHaveLength(1);
  });
});
