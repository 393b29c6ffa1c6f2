import { AggregateRepository, type EventStore, type SagaStateStore } from '@orchestrix/core';
import { type InMemoryDeadLetterQueue, InMemoryEventStore, InMemorySagaStateStore } from '@orchestrix/memory';
import { PostgreSQLEventStore } from '@orchestrix/postgres';
import { Account } from './banking/account';
import { runBankingFlow } from './banking/run-banking-flow';
import { type DemoSummary, SUMMARY_PREFIX } from './demo-summary';
import { Order } from './ecommerce/order';
import { runEcommerceFlow } from './ecommerce/run-ecommerce-flow';
import { Report } from './report/report';
import { runSagaFlow } from './sagas/run-saga-flow';

/** Options of {@link runDemo}. */
export interface RunDemoOptions {
  /** Receives the account of the demo, one line at a time (no trailing newline); discarded unless given. */
  readonly write?: (line: string) => void;
  /** The event store both flows write to (empty); a new `InMemoryEventStore` unless given. */
  readonly store?: EventStore;
  /** Names the store in the heading, e.g. `PostgreSQL (schema orchestrix_demo)`; `in-memory stores` unless given. */
  readonly storeLabel?: string;
}

/** What {@link runDemo} hands back, so a test can check the printed figures against the store. */
export interface DemoRun {
  /** The one event store both flows wrote to. */
  readonly store: EventStore;
  /** The banking event bus's dead-letter queue, empty after the redrive. */
  readonly deadLetterQueue: InMemoryDeadLetterQueue;
  /** Where the order sagas saved their state: the PostgreSQL store's `sagaStates()`, or one in memory. */
  readonly sagaStateStore: SagaStateStore;
  /** What the `DEMO-SUMMARY` line printed. */
  readonly summary: DemoSummary;
}

/** Reads every event of the store, page by page. */
async function countEvents(store: EventStore): Promise<number> {
  let count = 0;
  let after = 0n;
  for (;;) {
    const page = await store.readAll({ after });
    const last = page.at(-1);
    if (last === undefined) return count;
    count += page.length;
    after = last.position;
  }
}

/**
 * Runs both demo flows on one event store (in memory unless given), then the order sagas on the same kind of
 * store, writes a step-by-step account of them, and ends with a `DEMO-SUMMARY {json}` line read back from the
 * stores.
 *
 * @throws when a flow does not behave as the account says (the demo checks its own claims).
 * @example const { summary } = await runDemo({ write: (line) => console.log(line) });
 */
export async function runDemo(options: RunDemoOptions = {}): Promise<DemoRun> {
  const report = new Report(options.write ?? (() => {}));
  const store = options.store ?? new InMemoryEventStore();
  report.line(`Orchestrix demo: commands, events and retries on ${options.storeLabel ?? 'in-memory stores'}`);
  report.line('Each message is one line: command <type> <target> | event <type> <stream> v<version> @<position>,');
  report.line('then id=, corr= (correlation) and cause= (causation), ids shortened to first 4 and last 6 digits.');

  const ecommerce = await runEcommerceFlow(store, report);
  const banking = await runBankingFlow(store, report);
  const sagaStateStore = store instanceof PostgreSQLEventStore ? store.sagaStates() : new InMemorySagaStateStore();
  const sagaFlow = await runSagaFlow(sagaStateStore, report);

  report.section('What the store holds');
  const repository = new AggregateRepository({ eventStore: store });
  const orders = await Promise.all(
    ecommerce.orderIds.map(async (orderId) => {
      const events = await store.load(orderId);
      const order = await repository.load(Order, orderId);
      const correlationIds = [...new Set(events.map((event) => event.correlationId ?? event.id))];
      report.detail(
        `${orderId}: ${order.status} at v${order.version}, events ${events.map((event) => event.type).join(' > ')}`,
      );
      return { id: orderId, version: await store.streamVersion(orderId), status: order.status, correlationIds };
    }),
  );
  const accounts = await Promise.all(
    banking.accountIds.map(async (accountId) => {
      const account = await repository.load(Account, accountId);
      report.detail(`${accountId}: balance ${account.balance} at v${account.version}`);
      return { id: accountId, version: await store.streamVersion(accountId), balance: account.balance };
    }),
  );
  const sagas = await Promise.all(
    sagaFlow.sagas.map(async ({ sagaId }) => {
      const record = await sagaStateStore.load(sagaId);
      report.detail(`${sagaId}: ${record?.status} at v${record?.version}`);
      return { sagaId, status: record?.status ?? 'missing' };
    }),
  );
  const eventCount = await countEvents(store);
  report.detail(`${eventCount} events in all`);

  const summary: DemoSummary = {
    orders,
    accounts,
    transferAttempts: banking.transferAttempts,
    overdraftErrorCode: banking.overdraftError.code,
    refusedCancelCode: ecommerce.refusedCancelCode,
    deadLettersAfterRetries: banking.deadLettersAfterRetries,
    deadLettersAfterRedrive: banking.deadLettersAfterRedrive,
    redrive: { succeeded: banking.redrive.succeeded, failed: banking.redrive.failed },
    sagas,
    eventCount,
  };
  report.line('');
  report.line(`${SUMMARY_PREFIX}${JSON.stringify(summary)}`);
  return { store, deadLetterQueue: banking.deadLetterQueue, sagaStateStore, summary };
}
