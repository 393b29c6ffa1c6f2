import { setTimeout as sleep } from 'node:timers/promises';
import { defineEvent, type EventStore, ProjectionRunner, payload } from '@orchestrix/core';
import { PostgreSQLEventStore } from '@orchestrix/postgres';
import pg from 'pg';
import { benchSchemaName, DATABASE_URL, type ItemData, itemData } from './bench-side';
import { orderItemsProjection } from './order-items-projection';
import { BATCH_SIZE, createReadModel, summarizeReadModel } from './read-model';
import { type OldestTransaction, watchTransactions } from './transaction-watch';

const ItemAdded = defineEvent('ItemAdded', payload<ItemData>());

/** Concurrent writers, each with a connection of the writers' store. */
export const WRITERS = 8;
/** Events per append in a burst: a burst is appended as fast as the writers go. */
const BURST_APPEND = 100;
const WAIT_TIMEOUT_MS = 30_000;

/** How one latency run is set up. */
export interface LatencyOptions {
  /** `false` hides the store's `onAppend` from the runner, so only its polling finds new events. */
  readonly wakeUps: boolean;
  readonly pollIntervalMs: number;
  /** Appends per second across all writers, one event each. */
  readonly eventsPerSecond: number;
  /** Seconds of steady appends measured, after `warmUpSeconds` that are not. */
  readonly seconds: number;
  readonly warmUpSeconds: number;
  /** Bursts appended after the steady run, each of `burstEvents` events. */
  readonly bursts: number;
  readonly burstEvents: number;
}

/** What one latency run measured: milliseconds from each append's ack to its read model commit. */
export interface LatencyResult {
  readonly latenciesMs: readonly number[];
  readonly appendMs: readonly number[];
  readonly timedOut: number;
  readonly seconds: number;
  readonly bursts: readonly BurstResult[];
  /** The oldest transaction holding an id on the server during the steady run. */
  readonly oldestTransaction: OldestTransaction;
}

/** One burst: how long appending took, and how long until the read model held all of it. */
export interface BurstResult {
  readonly appendMs: number;
  readonly drainMs: number;
}

/** The store without `onAppend`: the runner cannot subscribe, so it only polls. */
function withoutWakeUps(store: PostgreSQLEventStore): EventStore {
  return {
    countAfter: (after) => store.countAfter(after),
    save: (streamId, events, expectedVersion) => store.save(streamId, events, expectedVersion),
    load: (streamId, fromVersion) => store.load(streamId, fromVersion),
    loadByTrace: (traceId) => store.loadByTrace(traceId),
    readAll: (options) => store.readAll(options),
    streamVersion: (streamId) => store.streamVersion(streamId),
  };
}

/** Resolves once the runner's LISTEN connection (application name `orchestrix-listen`) is listening. */
async function waitForListener(admin: pg.Pool, schema: string): Promise<void> {
  const channel = `orchestrix_${schema}`.slice(0, 63);
  for (let attempt = 0; attempt < 250; attempt += 1) {
    const result = await admin.query(
      `select 1 from pg_stat_activity where application_name = 'orchestrix-listen' and query = $1`,
      [`listen "${channel}"`],
    );
    if ((result.rowCount ?? 0) > 0) return;
    await sleep(20);
  }
  throw new Error(`the runner of ${schema} is not listening after 5 s`);
}

/** The measured part of a steady run: samples are pushed as the runner catches up. */
interface Recorder {
  readonly latenciesMs: number[];
  readonly appendMs: number[];
  timedOut: number;
}

/**
 * Appends single events at `eventsPerSecond` from {@link WRITERS} writers for `seconds`, each writer on its
 * own schedule (open loop: a late append goes at once, none is skipped). After each ack it waits, without
 * holding up the writer, for the runner's checkpoint to pass the event's position and records the time.
 */
async function steadyAppends(
  writer: EventStore,
  runner: ProjectionRunner,
  options: LatencyOptions,
  seconds: number,
  tag: string,
  recorder?: Recorder,
): Promise<void> {
  const spacingMs = 1000 / options.eventsPerSecond;
  const startedAt = performance.now() + 10;
  const endAt = startedAt + seconds * 1000;
  const waits: Promise<void>[] = [];
  const writing = Array.from({ length: WRITERS }, async (_, index) => {
    for (let count = 0; ; count += 1) {
      const dueAt = startedAt + (count * WRITERS + index) * spacingMs;
      if (dueAt >= endAt) return;
      if (dueAt > performance.now()) await sleep(dueAt - performance.now());
      const before = performance.now();
      const streamId = `${tag}-${index}-${Math.floor(count / 100)}`;
      const { lastPosition } = await writer.save(streamId, [ItemAdded(itemData(count))], count % 100);
      const ackedAt = performance.now();
      if (recorder === undefined) continue;
      recorder.appendMs.push(ackedAt - before);
      waits.push(
        runner.waitFor(lastPosition, { timeoutMs: WAIT_TIMEOUT_MS }).then(
          () => {
            recorder.latenciesMs.push(performance.now() - ackedAt);
          },
          () => {
            recorder.timedOut += 1;
          },
        ),
      );
    }
  });
  await Promise.all(writing);
  await Promise.all(waits);
}

/** Appends `events` in appends of {@link BURST_APPEND} from {@link WRITERS} writers, then waits for the runner. */
async function burst(writer: EventStore, runner: ProjectionRunner, events: number, tag: string): Promise<BurstResult> {
  const started = performance.now();
  const appends = events / BURST_APPEND;
  const heads = await Promise.all(
    Array.from({ length: WRITERS }, async (_, index) => {
      let head = 0n;
      for (let append = index; append < appends; append += WRITERS) {
        const batch = Array.from({ length: BURST_APPEND }, (_unused, offset) => ItemAdded(itemData(offset)));
        const { lastPosition } = await writer.save(`${tag}-${append}`, batch, 0);
        if (lastPosition > head) head = lastPosition;
      }
      return head;
    }),
  );
  const appendedAt = performance.now();
  let head = 0n;
  for (const position of heads) if (position > head) head = position;
  await runner.waitFor(head, { timeoutMs: WAIT_TIMEOUT_MS * 4 });
  return { appendMs: appendedAt - started, drainMs: performance.now() - started };
}

/**
 * One latency run on a fresh schema: a writers' store (8 connections) and, as a separate process would
 * have, a runner's store with a started `ProjectionRunner` whose per-event projection writes the read model
 * in the checkpoint's transaction. Steady appends first, then the bursts; it checks the read model holds
 * every event appended, then drops the schema.
 */
export async function measureLatency(options: LatencyOptions): Promise<LatencyResult> {
  const schema = benchSchemaName(options.wakeUps ? 'live_notify' : 'live_poll');
  const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 1 });
  const writer = new PostgreSQLEventStore({ connectionString: DATABASE_URL, schema, poolMax: WRITERS });
  const runnerStore = new PostgreSQLEventStore({ connectionString: DATABASE_URL, schema, poolMax: 2 });
  let runner: ProjectionRunner | undefined;
  try {
    await writer.initialize();
    await runnerStore.initialize();
    await admin.query(createReadModel(schema));
    runner = new ProjectionRunner({
      source: options.wakeUps ? runnerStore : withoutWakeUps(runnerStore),
      checkpoints: runnerStore.checkpoints(),
      projections: [orderItemsProjection(schema, 'each')],
      batchSize: BATCH_SIZE,
      pollIntervalMs: options.pollIntervalMs,
    });
    await runner.start();
    if (options.wakeUps) await waitForListener(admin, schema);
    await steadyAppends(writer, runner, options, options.warmUpSeconds, 'warm-up');
    const recorder: Recorder = { latenciesMs: [], appendMs: [], timedOut: 0 };
    const watch = watchTransactions(admin);
    let oldestTransaction: OldestTransaction;
    try {
      await steadyAppends(writer, runner, options, options.seconds, 'steady', recorder);
    } finally {
      oldestTransaction = await watch.stop();
    }
    const bursts: BurstResult[] = [];
    for (let index = 0; index < options.bursts; index += 1) {
      bursts.push(await burst(writer, runner, options.burstEvents, `burst-${index}`));
    }
    await runner.stop();
    const events = (await admin.query(`select count(*)::int as count from ${pg.escapeIdentifier(schema)}.events`))
      .rows[0].count;
    const { items } = await summarizeReadModel(admin, schema);
    if (items !== events) throw new Error(`the read model of ${schema} holds ${items} items for ${events} events`);
    return { ...recorder, seconds: options.seconds, bursts, oldestTransaction };
  } finally {
    await runner?.stop();
    await Promise.all([writer.close(), runnerStore.close()]);
    await admin.query(`drop schema if exists ${pg.escapeIdentifier(schema)} cascade`);
    await admin.end();
  }
}
