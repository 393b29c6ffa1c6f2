// Gaps in the global feed (reliability.md §1.3, #73, #74, #76): a follower reading readAll({ after }) from its
// last position receives every event exactly once, in order, whatever order transactions commit in. The
// horizon (pg_snapshot_xmin) is cluster-wide, so this file runs on a temporary cluster of its own:
// its open transactions stall no other file's readers, and no other file's transactions stall these.
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgreSQLEventStore } from '../src/index';
import { CLEAN_FEED_REPORT, checkFeed, type FeedEntry, FeedFollower, readWholeFeed } from './support/feed-checker';
import {
  burnTransactionIdsPastPowerOfTen,
  FeedAppended,
  type FeedWorkloadOptions,
  runFeedWorkload,
  storeFeed,
} from './support/feed-workload';
import { createNaiveFeed } from './support/naive-feed';
import { startTemporaryCluster, type TemporaryCluster } from './support/temporary-cluster';
import { uniqueSchemaName } from './support/test-database';

const WORKLOAD: Omit<FeedWorkloadOptions, 'durationMs'> = {
  writers: 8,
  lateWriters: 2,
  streams: 10,
  holdHorizon: true,
};

let cluster: TemporaryCluster | undefined;
let pool: pg.Pool;
const clients: pg.Client[] = [];

beforeAll(async () => {
  // No autovacuum: its analyze takes an xid, and the step-by-step tests below must own the horizon.
  cluster = await startTemporaryCluster({ settings: { autovacuum: 'off' } });
  pool = new pg.Pool({ connectionString: cluster.connectionString, max: 12 });
  pool.on('error', () => undefined);
}, 60_000);

afterAll(async () => {
  await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  await pool?.end();
  await cluster?.destroy();
}, 60_000);

function connectionString(): string {
  if (cluster === undefined) throw new Error('the temporary cluster did not start');
  return cluster.connectionString;
}

async function newStore(): Promise<PostgreSQLEventStore> {
  const store = new PostgreSQLEventStore({ pool, schema: uniqueSchemaName('feed') });
  await store.initialize();
  return store;
}

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: connectionString() });
  clients.push(client);
  await client.connect();
  return client;
}

const digits = (entry: FeedEntry | undefined): number => entry?.position.toString().length ?? 0;
const ids = (entries: readonly FeedEntry[]): string[] => entries.map((entry) => entry.id);

async function untilWaitingForALock(): Promise<void> {
  for (;;) {
    const result = await pool.query<{ waiting: number }>(
      `select count(*)::int as waiting from pg_stat_activity where wait_event_type = 'Lock' and wait_event = 'advisory'`,
    );
    if ((result.rows[0]?.waiting ?? 0) > 0) return;
    await delay(5);
  }
}

describe('PostgreSQLEventStore.readAll', () => {
  it('hands a follower every event once and in order while 8 writers commit out of order and a transaction holds the horizon', {
    timeout: 60_000,
  }, async () => {
    const store = await newStore();

    const result = await runFeedWorkload(storeFeed(store, connectionString()), {
      ...WORKLOAD,
      durationMs: 4000,
      crossPowerOfTen: true,
    });

    expect(checkFeed(result)).toEqual(CLEAN_FEED_REPORT);
    expect(ids(result.followed)).toEqual(ids(result.final));
    expect(result.final).toHaveLength(result.acknowledged.size);
    expect(result.followerErrors).toEqual([]);
    expect(result.lateAppends).toBeGreaterThan(0);
    expect(ids(result.final).indexOf(result.forced.early)).toBeLessThan(ids(result.final).indexOf(result.forced.late));
    expect(digits(result.final.at(-1))).toBeGreaterThan(digits(result.final[0]));
  });

  it('stalls a follower behind an open transaction and then delivers what committed meanwhile', async () => {
    const store = await newStore();
    const feed = storeFeed(store, connectionString());
    const before = FeedAppended({ writer: 0, append: 0, index: 0 });
    const behind = FeedAppended({ writer: 0, append: 1, index: 0 });
    await store.save('before', [before]);
    const follower = new FeedFollower(feed.read);
    await follower.catchUp();
    const holder = await connect();
    await holder.query('begin');
    await holder.query('select pg_current_xact_id()');

    await store.save('behind', [behind]);
    await follower.catchUp();
    const receivedWhileOpen = ids(follower.received);
    await holder.query('commit');
    await follower.catchUp();

    expect(receivedWhileOpen).toEqual([before.id]);
    expect(ids(follower.received)).toEqual([before.id, behind.id]);
  });

  it('delivers an append that commits after a later one first, as its position says', async () => {
    const store = await newStore();
    const feed = storeFeed(store, connectionString());
    const follower = new FeedFollower(feed.read);
    const slow = FeedAppended({ writer: 1, append: 0, index: 0 });
    const fast = FeedAppended({ writer: 2, append: 0, index: 0 });
    const held = await feed.appendHeld(await connect(), 'slow', [slow]);

    await store.save('fast', [fast]);
    await follower.catchUp();
    const receivedWhileOpen = ids(follower.received);
    await held.commit();
    await follower.catchUp();

    expect(receivedWhileOpen).toEqual([]);
    expect(ids(follower.received)).toEqual([slow.id, fast.id]);
    expect(checkFeed({ followed: follower.received, final: await readWholeFeed(feed.read) })).toEqual(
      CLEAN_FEED_REPORT,
    );
  });

  it('moves past a rolled-back append as soon as it ends', async () => {
    const store = await newStore();
    const feed = storeFeed(store, connectionString());
    const follower = new FeedFollower(feed.read);
    const rolledBack = FeedAppended({ writer: 1, append: 0, index: 0 });
    const committed = FeedAppended({ writer: 2, append: 0, index: 0 });
    const held = await feed.appendHeld(await connect(), 'rolled-back', [rolledBack]);
    await store.save('committed', [committed]);
    await follower.catchUp();
    const receivedWhileOpen = ids(follower.received);

    await held.rollback();
    await follower.catchUp();

    expect(receivedWhileOpen).toEqual([]);
    expect(ids(follower.received)).toEqual([committed.id]);
  });

  it('keeps a stream in version order along the feed when an append waits for the stream', async () => {
    const store = await newStore();
    const feed = storeFeed(store, connectionString());
    const first = FeedAppended({ writer: 1, append: 0, index: 0 });
    const second = FeedAppended({ writer: 2, append: 0, index: 0 });
    const held = await feed.appendHeld(await connect(), 'contended', [first]);
    const waiting = store.save('contended', [second]);
    await untilWaitingForALock();

    await held.commit();
    await waiting;
    const final = await readWholeFeed(feed.read);

    expect(final.map((entry) => [entry.id, entry.version])).toEqual([
      [first.id, 1],
      [second.id, 2],
    ]);
    expect(checkFeed({ followed: final, final })).toEqual(CLEAN_FEED_REPORT);
  });
});

describe('PostgreSQLEventStore when positions gain a decimal digit', () => {
  // One event of a feed and of a trace below a power of ten, and one above it: their text sorts the other way.
  const traceId = randomBytes(16).toString('hex');
  const below = FeedAppended({ writer: 0, append: 0, index: 0 }, { traceId });
  const above = FeedAppended({ writer: 0, append: 1, index: 0 }, { traceId });
  let store: PostgreSQLEventStore;

  beforeAll(async () => {
    store = await newStore();
    await store.save('traced', [below]);
    await burnTransactionIdsPastPowerOfTen(await connect());
    await store.save('traced', [above]);
  });

  it('hands a follower the events in position order', async () => {
    const follower = new FeedFollower(storeFeed(store, connectionString()).read, { pageSize: 1 });

    await follower.catchUp();

    expect(ids(follower.received)).toEqual([below.id, above.id]);
    expect(digits(follower.received[1])).toBeGreaterThan(digits(follower.received[0]));
  });

  it('loads a trace in position order', async () => {
    const trace = await store.loadByTrace(traceId);

    expect(trace.map((event) => event.id)).toEqual([below.id, above.id]);
  });
});

describe('checkFeed', () => {
  it('reports the events a bigserial-ordered feed skips when commits land out of order', {
    timeout: 60_000,
  }, async () => {
    const naive = await createNaiveFeed(pool, uniqueSchemaName('naive'), connectionString());

    const result = await runFeedWorkload(naive, { ...WORKLOAD, durationMs: 2000 });
    const report = checkFeed(result);

    expect(report.skipped).toContain(result.forced.early);
    expect(report).toMatchObject({ duplicated: [], phantom: [], reordered: [], outOfStreamOrder: [], lost: [] });
    expect(result.final).toHaveLength(result.acknowledged.size);
  });
});
