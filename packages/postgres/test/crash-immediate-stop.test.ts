// Crash durability on a real cluster (reliability.md §1.5, #63, #65, #77; E9): writers append while the
// server is killed with `pg_ctl stop -m immediate` (unflushed WAL is lost, as in a power cut of the process,
// not of a lying disk cache). After the restart every acknowledged append is stored, no append is stored in
// part, a re-sent unacknowledged append is stored once, and a follower that read through the crash saw
// nothing that vanished. The cluster is this file's own: killing it disturbs no other file.
import { fork } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { defineEvent, type Event, OrchestrixError, payload, StoreUnavailableError } from '@orchestrix/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgreSQLEventStore } from '../src/index';
import type { CrashChildMessage } from './support/crash-writer-child';
import { CLEAN_FEED_REPORT, checkFeed, type FeedEntry, FeedFollower, readWholeFeed } from './support/feed-checker';
import { toFeedEntry } from './support/feed-workload';
import { startTemporaryCluster, type TemporaryCluster } from './support/temporary-cluster';
import { uniqueSchemaName } from './support/test-database';

const CrashAppended = defineEvent('CrashAppended', payload<{ batch: string; index: number; size: number }>());

const WRITERS = 6;
const STREAMS = 8;
/** Acknowledged appends before the server is killed. */
const APPENDS_BEFORE_CRASH = 150;

interface Append {
  readonly streamId: string;
  readonly batch: string;
  readonly events: readonly Event[];
}

interface StoredRow {
  readonly event_id: string;
  readonly stream_id: string;
  readonly version: number;
  readonly batch: string;
  readonly size: number;
}

const CHILD = fileURLToPath(new URL('./support/crash-writer-child.ts', import.meta.url));
const PACKAGE = fileURLToPath(new URL('..', import.meta.url));

const schema = uniqueSchemaName('crash');
let cluster: TemporaryCluster | undefined;
let store: PostgreSQLEventStore | undefined;
let follower: FeedFollower;
const acknowledged: Append[] = [];
/** Each writer's last append: the one in flight when the server died, or sent while it was down. */
const unacknowledged: { readonly append: Append; readonly error: unknown }[] = [];
/** What the store answered while the server was down. */
const whileDown: unknown[] = [];
/** What the follower had received when the server was killed. */
let receivedBeforeCrash: readonly FeedEntry[] = [];

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

function theCluster(): TemporaryCluster {
  if (cluster === undefined) throw new Error('the temporary cluster did not start');
  return cluster;
}

function theStore(): PostgreSQLEventStore {
  if (store === undefined) throw new Error('the store did not start');
  return store;
}

/** Runs one query on a connection of its own, outside the store. */
async function query<Row extends pg.QueryResultRow>(text: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: theCluster().connectionString });
  await client.connect();
  try {
    return (await client.query<Row>(text)).rows;
  } finally {
    await client.end();
  }
}

function storedRows(): Promise<StoredRow[]> {
  return query<StoredRow>(
    `select event_id, stream_id, version, data->>'batch' as batch, (data->>'size')::int as size
     from "${schema}".events order by position`,
  );
}

async function writeUntilFailure(writer: number): Promise<void> {
  for (let append = 0; ; append += 1) {
    const batch = `writer-${writer}-${append}`;
    const size = 1 + randomInt(4);
    const next: Append = {
      streamId: `crash-${randomInt(STREAMS)}`,
      batch,
      events: Array.from({ length: size }, (_, index) => CrashAppended({ batch, index, size })),
    };
    try {
      await theStore().save(next.streamId, next.events);
      acknowledged.push(next);
    } catch (error) {
      unacknowledged.push({ append: next, error });
      return;
    }
  }
}

beforeAll(async () => {
  cluster = await startTemporaryCluster();
  store = new PostgreSQLEventStore({
    connectionString: cluster.connectionString,
    schema,
    poolMax: WRITERS + 4,
    connectTimeoutMs: 2000,
  });
  await store.initialize();
  follower = new FeedFollower(async (after, limit) => (await theStore().readAll({ after, limit })).map(toFeedEntry));
  follower.start();

  const writers = Array.from({ length: WRITERS }, (_, writer) => writeUntilFailure(writer));
  while (acknowledged.length < APPENDS_BEFORE_CRASH && unacknowledged.length === 0) await delay(5);
  receivedBeforeCrash = [...follower.received];
  await cluster.stop('immediate');
  await Promise.all(writers);
  const probe = CrashAppended({ batch: 'while-down', index: 0, size: 1 });
  whileDown.push(
    await caught(store.save('crash-0', [probe])),
    await caught(store.readAll()),
    await caught(store.load('crash-0')),
  );
  await cluster.start();
}, 60_000);

afterAll(async () => {
  await follower?.stop();
  await store?.close();
  await cluster?.destroy();
}, 60_000);

describe('PostgreSQLEventStore through an immediate stop of the server', () => {
  it('keeps every acknowledged append', { timeout: 60_000 }, async () => {
    const stored = new Set((await storedRows()).map((row) => row.event_id));

    const missing = acknowledged.flatMap((append) => append.events).filter((event) => !stored.has(event.id));
    const settings = await query<{ name: string; setting: string }>(
      `select name, setting from pg_settings where name in ('fsync', 'synchronous_commit') order by name`,
    );

    expect(settings).toEqual([
      { name: 'fsync', setting: 'on' },
      { name: 'synchronous_commit', setting: 'on' },
    ]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(APPENDS_BEFORE_CRASH);
    expect(missing).toEqual([]);
  });

  it('stores each append whole or not at all, with contiguous stream versions', { timeout: 60_000 }, async () => {
    const rows = await storedRows();

    const counts = new Map<string, { stored: number; size: number }>();
    for (const row of rows) {
      const count = counts.get(row.batch) ?? { stored: 0, size: row.size };
      counts.set(row.batch, { stored: count.stored + 1, size: count.size });
    }
    const partial = [...counts].filter(([, count]) => count.stored !== count.size).map(([batch]) => batch);
    const versions = new Map<string, number[]>();
    for (const row of rows) versions.set(row.stream_id, [...(versions.get(row.stream_id) ?? []), row.version]);

    expect(partial).toEqual([]);
    for (const streamVersions of versions.values()) {
      expect(streamVersions).toEqual(streamVersions.map((_, index) => index + 1));
    }
  });

  it('rejects with a retryable StoreUnavailableError while the server is down', () => {
    const errors = [...unacknowledged.map((failed) => failed.error), ...whileDown];

    expect(unacknowledged).toHaveLength(WRITERS);
    for (const error of errors) {
      expect(error).toBeInstanceOf(OrchestrixError);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE', retryable: true });
    }
  });

  it('hands a follower reading through the crash every event once, and none that vanished', {
    timeout: 60_000,
  }, async () => {
    const followed = await follower.drain();
    const final = await readWholeFeed(async (after, limit) =>
      (await theStore().readAll({ after, limit })).map(toFeedEntry),
    );
    const finalIds = new Set(final.map((entry) => entry.id));

    expect(checkFeed({ followed, final })).toEqual(CLEAN_FEED_REPORT);
    expect(receivedBeforeCrash.filter((entry) => !finalIds.has(entry.id))).toEqual([]);
    expect(receivedBeforeCrash.length).toBeGreaterThan(0);
    for (const error of follower.errors) expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE', retryable: true });
  });

  it('stores a re-sent unacknowledged append once, with the same event ids', { timeout: 60_000 }, async () => {
    const resent = unacknowledged.map((failed) => failed.append);

    const results = await Promise.all(resent.map((append) => theStore().save(append.streamId, append.events)));
    const rows = await storedRows();

    expect(results.map((result) => result.events.map((event) => event.id))).toEqual(
      resent.map((append) => append.events.map((event) => event.id)),
    );
    for (const append of resent) {
      const ids = new Set(append.events.map((event) => event.id));
      expect(rows.filter((row) => ids.has(row.event_id))).toHaveLength(append.events.length);
    }
  });
});

interface ChildExit {
  readonly code: number | null;
  readonly messages: readonly CrashChildMessage[];
  readonly stderr: string;
}

interface ChildRun {
  /** Resolves once the child has 50 acknowledged appends and keeps appending. */
  readonly appending: Promise<void>;
  /** Settles once the child has exited, with its exit code, what it said, and what it wrote to stderr. */
  readonly exited: Promise<ChildExit>;
}

function runCrashChild(): ChildRun {
  const messages: CrashChildMessage[] = [];
  let stderr = '';
  const child = fork(CHILD, [theCluster().connectionString, uniqueSchemaName('child')], {
    cwd: PACKAGE,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, TSX_TSCONFIG_PATH: `${PACKAGE}tsconfig.json` },
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const safety = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const appending = new Promise<void>((resolve, reject) => {
    child.on('message', (message: CrashChildMessage) => {
      messages.push(message);
      if (message.kind === 'appending') resolve();
    });
    child.on('exit', () => reject(new Error('the child exited before it was appending')));
  });
  appending.catch(() => undefined);
  const exited = new Promise<ChildExit>((resolve) => {
    child.on('close', (code) => {
      clearTimeout(safety);
      resolve({ code, messages, stderr });
    });
  });
  return { appending, exited };
}

describe('PostgreSQLEventStore when the server dies under in-flight appends', () => {
  it('rejects them with a retryable StoreUnavailableError and keeps the process alive', {
    timeout: 60_000,
  }, async () => {
    const child = runCrashChild();
    await child.appending;

    await theCluster().stop('immediate');
    const { code, messages, stderr } = await child.exited;
    await theCluster().start();

    expect(code, stderr).toBe(0);
    expect(messages.find((message) => message.kind === 'rejected')).toEqual({
      kind: 'rejected',
      errors: Array.from({ length: 4 }, () => ({
        name: 'StoreUnavailableError',
        code: 'STORE_UNAVAILABLE',
        retryable: true,
      })),
    });
  });
});
