import {
  AggregateRepository,
  type EventStore,
  type Logger,
  type MessageBus,
  type Module,
  type ObservabilityHooks,
} from '@orchestrix/core';
import { Account } from './account';
import type { AccountDecision } from './account-decision';
import { DepositMoney } from './messages/deposit-money';
import { OpenAccount } from './messages/open-account';
import { TransferMoney } from './messages/transfer-money';

/** Options of {@link AccountModule}. */
export interface AccountModuleOptions {
  /** Where committed account events are published (receipts, projections); the command bus unless given. */
  readonly eventBus?: MessageBus;
  /** Receives the repository's logs, e.g. a retry after a concurrency conflict (`debug`). */
  readonly logger?: Logger;
  /**
   * Reviews a transfer before its withdrawal is decided, e.g. a fraud check; it may take time. It runs
   * inside the decision, so a concurrency conflict runs it again.
   */
  readonly reviewTransfer?: (transfer: { fromAccountId: string; amount: number }) => Promise<void>;
  /** Told of every run of a decision; the demo counts them to show retries. */
  readonly onDecision?: (decision: AccountDecision) => void;
  /** The repository's metrics and tracer (`aggregateLoaded`, `commandHandled`, its spans); none unless given. */
  readonly hooks?: ObservabilityHooks;
}

/**
 * The banking context: handles `OpenAccount`, `DepositMoney` and `TransferMoney` (a withdrawal, then a
 * deposit) with `repository.handle`, which reloads and decides again after a concurrency conflict.
 *
 * @example await registerModules(commandBus, store, [new AccountModule({ eventBus })]);
 */
export class AccountModule implements Module {
  readonly #options: AccountModuleOptions;

  constructor(options: AccountModuleOptions = {}) {
    this.#options = options;
  }

  /** Subscribes the three command handlers on `bus`, storing accounts in `store`. */
  register(bus: MessageBus, store: EventStore): void {
    const { eventBus = bus, logger, hooks } = this.#options;
    const repository = new AggregateRepository({
      eventStore: store,
      bus: eventBus,
      ...(logger ? { logger } : {}),
      ...hooks,
    });
    const decide = (
      commandType: string,
      accountId: string,
      decision: (account: Account) => unknown,
      options: { create?: boolean } = {},
    ) => {
      let attempt = 0;
      return repository.handle(
        Account,
        accountId,
        async (account) => {
          attempt += 1;
          this.#options.onDecision?.({
            commandType,
            accountId,
            attempt,
            version: account.version,
            balance: account.balance,
          });
          await decision(account);
        },
        options,
      );
    };

    bus.subscribe(
      OpenAccount,
      (command) => {
        const { accountId, owner, openingBalance } = command.data;
        return decide(command.type, accountId, (account) => account.open(accountId, owner, openingBalance), {
          create: true,
        });
      },
      { name: 'openAccount' },
    );
    bus.subscribe(
      DepositMoney,
      (command) => {
        const { accountId, amount, reference } = command.data;
        return decide(command.type, accountId, (account) => account.deposit(amount, reference));
      },
      { name: 'depositMoney' },
    );
    bus.subscribe(
      TransferMoney,
      async (command) => {
        const { transferId, fromAccountId, toAccountId, amount } = command.data;
        await decide(command.type, fromAccountId, async (account) => {
          await this.#options.reviewTransfer?.({ fromAccountId, amount });
          account.withdraw(amount, `transfer ${transferId} to ${toAccountId}`);
        });
        await decide(command.type, toAccountId, (account) =>
          account.deposit(amount, `transfer ${transferId} from ${fromAccountId}`),
        );
      },
      { name: 'transferMoney' },
    );
  }
}
