// An unreachable or vanished database, a store used before initialize() or after close(): typed errors in
// bounded time, a ping that never rejects, and no password in any error (SPEC §4a; reliability.md §6.6).
import { inspect } from 'node:util';
import { defineEvent, getLogger, payload, StoreUnavailableError, uuidv7 } from '@orchestrix/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgreSQLEventStore, type PostgreSQLEventStoreOptions } from '../src/index';
import { blockedAppends, holdStreamLock } from './support/stream-lock';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';
import { dropSchema, TEST_DATABASE_URL, testPool, uniqueSchemaName } from './support/test-database';

const ItemAdded = defineEvent('ItemAdded', payload<{ sku: string }>());

const admin = testPool(2);
const schema = uniqueSchemaName('unreachable');
const database = new URL(TEST_DATABASE_URL);
const SECRET = decodeURIComponent(database.password) || 's3cr3t-pass';
const stores: PostgreSQLEventStore[] = [];
let proxy: TcpProxy;

beforeAll(async () => {
  proxy = await startTcpProxy({ host: database.hostname, port: Number(database.port || 5432) });
});

afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await proxy.close();
  await dropSchema(admin, schema);
  await admin.end();
});

/** The test database's URL at 127.0.0.1:`port`, with a password. */
function urlAt(port: number): string {
  const url = new URL(TEST_DATABASE_URL);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  url.password = SECRET;
  return url.toString();
}

function storeOf(options: Partial<PostgreSQLEventStoreOptions> & { connectionString: string }): PostgreSQLEventStore {
  const store = new PostgreSQLEventStore({ schema, connectTimeoutMs: 300, ...options });
  stores.push(store);
  return store;
}

async function timedRejection(promise: Promise<unknown>): Promise<{ error: unknown; elapsedMs: number }> {
  const started = performance.now();
  const error = await promise.then(
    () => {
      throw new Error('Expected a rejection, but the promise resolved.');
    },
    (reason: unknown) => reason,
  );
  return { error, elapsedMs: performance.now() - started };
}

/** Checks that neither `error`, its causes, nor its inspected form hold the password. */
function expectNoSecret(error: unknown): void {
  const messages: string[] = [];
  for (let current = error; current instanceof Error; current = current.cause) {
    messages.push(current.message);
    if (current instanceof AggregateError) messages.push(...current.errors.map((inner) => String(inner)));
  }
  expect(messages.length).toBeGreaterThan(1);
  expect(messages.join('\n')).not.toContain(SECRET);
  expect(inspect(error, { depth: 10 })).not.toContain(SECRET);
}

function expectRetryableUnavailable(error: unknown): void {
  expect(error).toBeInstanceOf(StoreUnavailableError);
  expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE', retryable: true });
  expectNoSecret(error);
}

const item = () => [ItemAdded({ sku: 'sku-1' })];

describe('PostgreSQLEventStore when the database is unreachable', () => {
  it('rejects initialize with a retryable StoreUnavailableError when nothing listens, and pings false', async () => {
    const store = storeOf({ connectionString: urlAt(1) });

    const { error, elapsedMs } = await timedRejection(store.initialize());

    expectRetryableUnavailable(error);
    expect(elapsedMs).toBeLessThan(2000);
    expect(await store.ping()).toBe(false);
  });

  it('rejects initialize within about connectTimeoutMs when the server accepts and never answers', async () => {
    const silent = await startTcpProxy({ host: '127.0.0.1', port: 1 }, false);
    const store = storeOf({ connectionString: urlAt(silent.port) });

    const { error, elapsedMs } = await timedRejection(store.initialize());
    const pingStarted = performance.now();
    const ping = await store.ping();
    const pingMs = performance.now() - pingStarted;
    await silent.close();

    expectRetryableUnavailable(error);
    expect(elapsedMs).toBeGreaterThanOrEqual(250);
    expect(elapsedMs).toBeLessThan(1500);
    expect(ping).toBe(false);
    expect(pingMs).toBeLessThan(1500);
  });

  it('rejects a save within about connectTimeoutMs once the database stops answering, then saves when it is back', async () => {
    const warnings: string[] = [];
    const logger = getLogger('orchestrix-test', { level: 'warn', write: (line) => warnings.push(line) });
    const store = storeOf({ connectionString: urlAt(proxy.port), poolMin: 0, poolMax: 1, logger });
    await store.initialize();
    const streamId = `vanishing-${uuidv7()}`;
    await store.save(streamId, item());
    proxy.blackhole();
    // The pool drops its idle connection once it sees the socket close (see terminated-connection.test.ts).
    await expect.poll(() => warnings.length).toBeGreaterThan(0);

    const { error, elapsedMs } = await timedRejection(store.save(streamId, item()));
    const ping = await store.ping();
    proxy.forward();

    expectRetryableUnavailable(error);
    expect(elapsedMs).toBeLessThan(1500);
    expect(ping).toBe(false);
    expect((await store.save(streamId, item())).nextExpectedVersion).toBe(2);
    expect(await store.ping()).toBe(true);
  });
});

describe('PostgreSQLEventStore before initialize() and after close()', () => {
  const operations: [string, (store: PostgreSQLEventStore) => Promise<unknown>][] = [
    ['save', (store) => store.save('order-1', item())],
    ['load', (store) => store.load('order-1')],
    ['loadByTrace', (store) => store.loadByTrace('0af7651916cd43dd8448eb211c80319c')],
    ['readAll', (store) => store.readAll()],
    ['streamVersion', (store) => store.streamVersion('order-1')],
    ['loadSnapshot', (store) => store.loadSnapshot('order-1')],
  ];

  it.each(operations)('refuses %s before initialize() with a StoreUnavailableError naming it', async (_name, use) => {
    const unused = testPool(1);
    const store = new PostgreSQLEventStore({ pool: unused, schema });

    const { error } = await timedRejection(use(store));
    const connections = unused.totalCount;
    await unused.end();

    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ retryable: false });
    // The SPEC promises the message names the command that fixes it.
    expect((error as Error).message).toContain('initialize()');
    expect(connections).toBe(0);
  });

  it('lets close() wait for a save that is already running', async () => {
    const store = storeOf({ connectionString: TEST_DATABASE_URL });
    await store.initialize();
    const streamId = `closing-${uuidv7()}`;
    const lock = await holdStreamLock(streamId);
    const settled: string[] = [];
    const saving = store.save(streamId, item()).finally(() => settled.push('save'));
    await blockedAppends(admin, schema, 1);

    const closing = store.close().then(() => settled.push('close'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await lock.release();

    expect((await saving).nextExpectedVersion).toBe(1);
    await closing;
    expect(settled).toEqual(['save', 'close']);
  });

  it('lets close() wait for a save called just before it', async () => {
    const store = storeOf({ connectionString: TEST_DATABASE_URL });
    await store.initialize();

    const saving = store.save(`closing-${uuidv7()}`, item());
    await store.close();

    expect((await saving).nextExpectedVersion).toBe(1);
  });

  it.each(operations)(
    'refuses %s after close() with a StoreUnavailableError that is not retryable',
    async (_name, use) => {
      const store = storeOf({ connectionString: TEST_DATABASE_URL });
      await store.initialize();
      await store.close();

      const { error } = await timedRejection(use(store));

      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error).toMatchObject({ retryable: false });
      expect(await store.ping()).toBe(false);
    },
  );
});
