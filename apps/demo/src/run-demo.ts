import {
  AggregateRepository,
  type EventStore,
  type ObservabilityHooks,
  type SagaStateStore,
  type Tracer,
} from '@orchestrix/core';
import { type InMemoryDeadLetterQueue, InMemoryEventStore, InMemorySagaStateStore } from '@orchestrix/memory';
import { instrumentEventStore, PrometheusMetrics } from '@orchestrix/observability';
import { PostgreSQLEventStore } from '@orchestrix/postgres';
import { Account } from './banking/account';
import { runBankingFlow } from './banking/run-banking-flow';
import { type DemoSummary, SUMMARY_PREFIX } from './demo-summary';
import { Order } from './ecommerce/order';
import { runEcommerceFlow } from './ecommerce/run-ecommerce-flow';
import { type MetricsSummary, readMetricsSummary } from './metrics/read-metrics-summary';
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
  /**
   * Where the buses, the store, the repositories and the saga count; the summary at the end is read from its
   * registry. A new `PrometheusMetrics` (names `orchestrix_core_…`) unless given.
   */
  readonly metrics?: PrometheusMetrics;
  /** Traces the commands, handlers, store calls and sagas, e.g. `initTracing(…)`'s tracer; no spans unless given. */
  readonly tracer?: Tracer;
  /** Says where spans go, in the heading, e.g. `OTLP as orchestrix-demo`; `off` unless given. */
  readonly tracingLabel?: string;
}

/** What {@link runDemo} hands back, so a test can check the printed figures against the store. */
export interface DemoRun {
  /** The one event store both flows wrote to (instrumented: it counts into {@link DemoRun.metrics}). */
  readonly store: EventStore;
  /** The metrics every component counted into. */
  readonly metrics: PrometheusMetrics;
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

/** Prints what the metrics registry counted, naming the series each figure comes from. */
function reportMetrics(report: Report, summary: MetricsSummary, prefix: string): void {
  const { commands, saves, sagaOutcomes } = summary;
  const p95 = summary.p95CommandLatencyMs === null ? 'none' : `${summary.p95CommandLatencyMs.toFixed(2)} ms`;
  report.detail(`commands handled: ${commands.handled}, ${commands.failed} failed (${prefix}commands_total)`);
  report.detail(`events published: ${summary.eventsPublished}, each stored event once (${prefix}events_total)`);
  report.detail(
    `saves: ${saves.succeeded} succeeded, ${saves.failed} failed on a concurrency conflict (${prefix}storage_operations_total)`,
  );
  report.detail(`p95 command latency: ${p95} (histogram_quantile(0.95) over ${prefix}commands_latency_seconds)`);
  report.detail(`dead letters: ${summary.deadLetters} (${prefix}dead_letters_total)`);
  report.detail(
    `sagas: ${Object.entries(sagaOutcomes)
      .map(([outcome, count]) => `${count} ${outcome}`)
      .join(', ')} (${prefix}saga_outcomes_total)`,
  );
}

/**
 * Runs both demo flows on one event store (in memory unless given), then the order sagas on the same kind of
 * store, writes a step-by-step account of them, what the store holds and what the metrics registry counted,
 * and ends with a `DEMO-SUMMARY {json}` line read back from the stores and the registry. Every bus, the store,
 * the repositories and the saga are instrumented with `options.metrics` and `options.tracer`.
 *
 * @throws when a flow does not behave as the account says (the demo checks its own claims).
 * @example const { summary } = await runDemo({ write: (line) => console.log(line) });
 */
export async function runDemo(options: RunDemoOptions = {}): Promise<DemoRun> {
  const report = new Report(options.write ?? (() => {}));
  const metrics = options.metrics ?? new PrometheusMetrics();
  const hooks: ObservabilityHooks = { metrics, ...(options.tracer === undefined ? {} : { tracer: options.tracer }) };
  const plainStore = options.store ?? new InMemoryEventStore();
  const isPostgres = plainStore instanceof PostgreSQLEventStore;
  const store = instrumentEventStore(plainStore, { ...hooks, ...(isPostgres ? { dbSystem: 'postgresql' } : {}) });
  report.line(`Orchestrix demo: commands, events and retries on ${options.storeLabel ?? 'in-memory stores'}`);
  report.line('Each message is one line: command <type> <target> | event <type> <stream> v<version> @<position>,');
  report.line('then id=, corr= (correlation) and cause= (causation), ids shortened to first 4 and last 6 digits.');
  report.line(
    `Every bus, the store, the repositories and the saga count into a Prometheus registry; tracing: ${options.tracingLabel ?? 'off'}.`,
  );

  const ecommerce = await runEcommerceFlow(store, report, hooks);
  const banking = await runBankingFlow(store, report, hooks);
  const sagaStateStore =
    plainStore instanceof PostgreSQLEventStore ? plainStore.sagaStates() : new InMemorySagaStateStore();
  const sagaFlow = await runSagaFlow(sagaStateStore, report, hooks);

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

  report.section('What the metrics registry counted');
  const metricsSummary = await readMetricsSummary(metrics);
  reportMetrics(report, metricsSummary, metrics.config.prefix);

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
    metrics: metricsSummary,
  };
  report.line('');
  report.line(`${SUMMARY_PREFIX}${JSON.stringify(summary)}`);
  return { store, metrics, deadLetterQueue: banking.deadLetterQueue, sagaStateStore, summary };
}
