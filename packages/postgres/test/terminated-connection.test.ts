// Lost connections and timeouts mid-append: nothing half-written, a retryable typed error, and a retry
// that stores the append once (SPEC §4a; reliability.md §6.6 #63, #64, #67, #68).
import {
  defineEvent,
  type Event,
  getLogger,
  payload,
  StoreUnavailableError,
  TimeoutError,
  uuidv7,
} from '@orchestrix/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgreSQLEventStore, type PostgreSQLEventStoreOptions } from '../src/index';
import { forkTsx } from './support/fork-tsx';
import { blockedAppends, holdStreamLock } from './support/stream-lock';
import type { RetryReport } from './support/terminated-retry-child';
import { dropSchema, TEST_DATABASE_URL, testPool, uniqueSchemaName } from './support/test-database';

const ItemAdded = defineEvent('ItemAdded', payload<{ sku: string }>());

const admin = testPool(3);
const schema = uniqueSchemaName('terminated');
const stores: PostgreSQLEventStore[] = [];

/** The warnings a store logged: its pool reports each lost idle connection. */
type Warnings = string[];

/** A store that owns its pool, on this file's schema, logging its warnings to `warnings`. */
async function ownPoolStore(
  options: Partial<PostgreSQLEventStoreOptions> = {},
  warnings: Warnings = [],
): Promise<PostgreSQLEventStore> {
  const logger = getLogger('orchestrix-test', { level: 'warn', write: (line) => warnings.push(line) });
  const store = new PostgreSQLEventStore({
    connectionString: TEST_DATABASE_URL,
    schema,
    poolMax: 4,
    logger,
    ...options,
  });
  stores.push(store);
  await store.initialize();
  return store;
}

beforeAll(async () => {
  await ownPoolStore();
});

afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await dropSchema(admin, schema);
  await admin.end();
});

const newStream = (): string => `stream-${uuidv7()}`;
const threeItems = (): Event[] => ['a', 'b', 'c'].map((sku) => ItemAdded({ sku }));

async function terminate(pid: number): Promise<void> {
  await admin.query('select pg_terminate_backend($1)', [pid]);
}

async function rowsOf(streamId: string): Promise<number> {
  const result = await admin.query<{ count: number }>(
    `select (select count(*)::int from "${schema}".events where stream_id = $1)
          + (select count(*)::int from "${schema}".streams where stream_id = $1) as count`,
    [streamId],
  );
  return (result.rows[0] as { count: number }).count;
}

/** Runs `save` while the stream's lock is held elsewhere; `whileBlocked` gets the blocked backend's pid. */
async function saveWhileLocked(
  store: PostgreSQLEventStore,
  streamId: string,
  events: readonly Event[],
  whileBlocked: (pid: number) => Promise<void>,
): Promise<unknown> {
  const lock = await holdStreamLock(streamId);
  try {
    const saving = store.save(streamId, events, 0).then(
      () => undefined,
      (error: unknown) => error,
    );
    const [pid] = await blockedAppends(admin, schema, 1);
    await whileBlocked(pid as number);
    return await saving;
  } finally {
    await lock.release();
  }
}

describe('PostgreSQLEventStore when its connection is lost or too slow', () => {
  it('rejects an append whose backend is terminated with a retryable StoreUnavailableError, writing nothing', async () => {
    const store = await ownPoolStore();
    const streamId = newStream();

    const error = await saveWhileLocked(store, streamId, threeItems(), terminate);

    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE', retryable: true });
    expect((error as StoreUnavailableError).cause).toMatchObject({ code: '57P01' });
    expect(await rowsOf(streamId)).toBe(0);
    expect(await store.load(streamId)).toEqual([]);
  });

  it('stores the terminated append exactly once when it is retried with the same events', async () => {
    const store = await ownPoolStore();
    const streamId = newStream();
    const events = threeItems();
    await saveWhileLocked(store, streamId, events, terminate);

    // At once: the append's statement goes through pool.query, which discards the dead client.
    const retried = await store.save(streamId, events, 0);
    const retriedAgain = await store.save(streamId, events, 0);

    expect(retried.nextExpectedVersion).toBe(3);
    expect(retriedAgain).toEqual(retried);
    expect((await store.load(streamId)).map((event) => event.id)).toEqual(events.map((event) => event.id));
  });

  // After 57P01 kysely hands the dead client back to the pool before its socket closes, so a retry at
  // once may take it: that retry must fail with a retryable error, never crash the process (as it did
  // before pool clients got an 'error' listener while checked out).
  it('survives a retry made the moment a terminated append rejects, in a process of its own', async () => {
    const streamId = newStream();
    const child = forkTsx('terminated-retry-child.ts', [TEST_DATABASE_URL, schema, streamId]);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const reports: RetryReport[] = [];
    child.on('message', (report: RetryReport) => reports.push(report));

    const exitCode = await new Promise<number | null>((resolve) => child.on('exit', resolve));

    expect({ exitCode, stderr: stderr.split('\n').slice(0, 4).join('\n') }).toEqual({ exitCode: 0, stderr: '' });
    const [report] = reports;
    expect(report?.first).toEqual({ name: 'StoreUnavailableError', retryable: true });
    // A retry may meet the dead connection once more, as long as it says so with a retryable error.
    expect([{ nextExpectedVersion: 2 }, { name: 'StoreUnavailableError', retryable: true }]).toContainEqual(
      report?.retry,
    );
    expect([0, 3]).toContain(await rowsOf(streamId));
  }, 20_000);

  it('rejects an append that waits for the stream lock beyond lockTimeoutMs with a TimeoutError', async () => {
    const store = await ownPoolStore({ lockTimeoutMs: 200 });
    const streamId = newStream();
    const lock = await holdStreamLock(streamId);
    const started = performance.now();

    const error = await store.save(streamId, threeItems(), 0).then(
      () => undefined,
      (reason: unknown) => reason,
    );

    const waited = performance.now() - started;
    await lock.release();
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true, timeoutMs: 200 });
    expect((error as TimeoutError).cause).toMatchObject({ code: '55P03' });
    expect(waited).toBeGreaterThanOrEqual(150);
    expect(waited).toBeLessThan(2000);
    expect(await rowsOf(streamId)).toBe(0);
    expect((await store.save(streamId, threeItems(), 0)).nextExpectedVersion).toBe(3);
  });

  it('rejects an append that runs beyond statementTimeoutMs with a TimeoutError, writing nothing', async () => {
    const store = await ownPoolStore({ statementTimeoutMs: 200 });
    const streamId = newStream();
    const lock = await holdStreamLock(streamId);

    const error = await store.save(streamId, threeItems(), 0).then(
      () => undefined,
      (reason: unknown) => reason,
    );

    await lock.release();
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: true, timeoutMs: 200 });
    expect((error as TimeoutError).cause).toMatchObject({ code: '57014' });
    expect(await rowsOf(streamId)).toBe(0);
  });

  it('survives the server killing its idle pooled connection, reports it, and saves again', async () => {
    const warnings: Warnings = [];
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set('application_name', `idle_${schema}`);
    // One connection, so the pool's first report means the one it had is gone.
    const store = await ownPoolStore({ connectionString: url.toString(), poolMin: 0, poolMax: 1 }, warnings);
    const streamId = newStream();
    await store.save(streamId, threeItems());

    const killed = await admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and state = 'idle'`,
      [`idle_${schema}`],
    );
    await expect.poll(() => warnings.length).toBeGreaterThan(0);
    const result = await store.save(streamId, threeItems());

    expect(killed.rowCount).toBe(1);
    expect(result.nextExpectedVersion).toBe(6);
    expect(await store.ping()).toBe(true);
  });
});
