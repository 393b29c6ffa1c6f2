import { randomInt } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { defineEvent, type Event, payload, type StoredEvent } from '@orchestrix/core';
import pg from 'pg';
import type { PostgreSQLEventStore } from '../../src/index';
import { type FeedEntry, FeedFollower, type ReadFeed, readWholeFeed } from './feed-checker';

/** The event every feed workload appends; `writer` -1 marks the forced out-of-order pair. */
export const FeedAppended = defineEvent('FeedAppended', payload<{ writer: number; append: number; index: number }>());

/** An append whose transaction is still open: nobody else sees it until `commit`. */
export interface HeldAppend {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/** A global feed to check: a way to append, a way to append and keep the transaction open, a way to read. */
export interface FeedUnderTest {
  readonly connectionString: string;
  /** Appends in a transaction of its own; resolves once it has committed. */
  append(streamId: string, events: readonly Event[]): Promise<void>;
  /** Appends on `client` inside `begin` and returns with the transaction open. */
  appendHeld(client: pg.ClientBase, streamId: string, events: readonly Event[]): Promise<HeldAppend>;
  readonly read: ReadFeed;
}

/** Opens a `begin`, runs `write`, and hands back the open transaction (rolled back if `write` fails). */
export async function holdTransaction(client: pg.ClientBase, write: () => Promise<unknown>): Promise<HeldAppend> {
  await client.query('begin');
  try {
    await write();
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
  return {
    commit: async () => {
      await client.query('commit');
    },
    rollback: async () => {
      await client.query('rollback');
    },
  };
}

/** The envelope `append_events` reads, as the store builds it. */
function appendPayload(events: readonly Event[]): string {
  return JSON.stringify(
    events.map((event) => ({
      id: event.id,
      type: event.type,
      data: event.data,
      source: event.source,
      timestamp: event.timestamp,
      schemaVersion: event.schemaVersion,
    })),
  );
}

/**
 * Commits empty transactions until the next position (`(xid << 14) + ordinal`) has one more decimal digit
 * than the current one, so the feed holds 99… and 100… positions: their text sorts the other way round.
 */
export async function burnTransactionIdsPastPowerOfTen(client: pg.ClientBase): Promise<void> {
  const result = await client.query<{ xid: string }>('select pg_current_xact_id()::text as xid');
  const xid = BigInt(result.rows[0]?.xid ?? '0');
  const boundary = 10n ** BigInt((xid << 14n).toString().length);
  const count = boundary / 16_384n + 1n - xid;
  // Empty transactions need no flush to disk: nothing of them has to survive.
  await client.query('set synchronous_commit = off');
  await client.query(`do $$ begin for i in 1..${count} loop perform pg_current_xact_id(); commit; end loop; end $$`);
  await client.query('reset synchronous_commit');
}

export function toFeedEntry(event: StoredEvent): FeedEntry {
  return { id: event.id, streamId: event.streamId, version: event.version, position: event.position };
}

/**
 * The store's feed: appends through `save`, held appends through the store's own `append_events` function
 * called as the first statement of an explicit transaction (as `save` calls it), reads through `readAll`.
 */
export function storeFeed(store: PostgreSQLEventStore, connectionString: string): FeedUnderTest {
  return {
    connectionString,
    append: async (streamId, events) => {
      await store.save(streamId, events);
    },
    appendHeld: (client, streamId, events) =>
      holdTransaction(client, () =>
        client.query(`select * from "${store.schema}".append_events($1, -1, $2::jsonb)`, [
          streamId,
          appendPayload(events),
        ]),
      ),
    read: async (after, limit) => (await store.readAll({ after, limit })).map(toFeedEntry),
  };
}

export interface FeedWorkloadOptions {
  /** How long the writers keep appending. */
  readonly durationMs: number;
  /** Concurrent writers, each on its own connection. */
  readonly writers: number;
  /** How many of the writers append inside a transaction they commit 0–15 ms later. */
  readonly lateWriters: number;
  /** How many streams the writers spread their appends over. */
  readonly streams: number;
  /** Whether a connection keeps opening transactions that take an xid and stay open 100–300 ms. */
  readonly holdHorizon: boolean;
  /** Whether, a third of the way in, positions are made to gain a decimal digit. */
  readonly crossPowerOfTen?: boolean;
}

export interface FeedWorkloadResult {
  /** What the follower received, in order. */
  readonly followed: readonly FeedEntry[];
  /** The feed read from scratch once every writer was answered. */
  readonly final: readonly FeedEntry[];
  /** Ids of every event whose append was acknowledged. */
  readonly acknowledged: ReadonlySet<string>;
  /** The pair forced to commit out of order: `early` has the lower position and commits last. */
  readonly forced: { readonly early: string; readonly late: string };
  /** Failed reads of the follower. */
  readonly followerErrors: readonly unknown[];
  /** Appends acknowledged, and how many of them committed late. */
  readonly appends: number;
  readonly lateAppends: number;
}

/**
 * Appends from concurrent writers to a mix of streams while a follower reads the feed from its last
 * position, some writers committing late and (optionally) a transaction holding the horizon back and a
 * jump of the transaction ids that gives positions one more decimal digit. Halfway,
 * it forces one out-of-order commit: it appends `early` and keeps the transaction open, appends `late` and
 * commits it, lets the follower catch up, then commits `early`. Finally the follower drains and the whole
 * feed is read from scratch.
 */
export async function runFeedWorkload(feed: FeedUnderTest, options: FeedWorkloadOptions): Promise<FeedWorkloadResult> {
  const follower = new FeedFollower(feed.read, { pageSize: 50 });
  const acknowledged = new Set<string>();
  const clients: pg.Client[] = [];
  const deadline = Date.now() + options.durationMs;
  let appends = 0;
  let lateAppends = 0;

  const connect = async (): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString: feed.connectionString });
    client.on('error', () => undefined);
    clients.push(client);
    await client.connect();
    return client;
  };

  const write = async (writer: number): Promise<void> => {
    const client = writer < options.lateWriters ? await connect() : undefined;
    for (let append = 0; Date.now() < deadline; append += 1) {
      const streamId = `stream-${randomInt(options.streams)}`;
      const events = Array.from({ length: 1 + randomInt(3) }, (_, index) => FeedAppended({ writer, append, index }));
      if (client === undefined) {
        await feed.append(streamId, events);
      } else {
        const held = await feed.appendHeld(client, streamId, events);
        await delay(randomInt(16));
        await held.commit();
        lateAppends += 1;
      }
      appends += 1;
      for (const event of events) acknowledged.add(event.id);
    }
  };

  const holdHorizon = async (): Promise<void> => {
    const client = await connect();
    while (Date.now() < deadline) {
      await client.query('begin');
      await client.query('select pg_current_xact_id()');
      await delay(100 + randomInt(200));
      await client.query('commit');
      await delay(randomInt(50));
    }
  };

  const crossPowerOfTen = async (): Promise<void> => {
    const client = await connect();
    await delay(options.durationMs / 3);
    await burnTransactionIdsPastPowerOfTen(client);
  };

  const forceOutOfOrderCommit = async (): Promise<{ early: string; late: string }> => {
    const client = await connect();
    await delay(options.durationMs / 2);
    const early = FeedAppended({ writer: -1, append: 0, index: 0 });
    const late = FeedAppended({ writer: -1, append: 1, index: 0 });
    const held = await feed.appendHeld(client, 'forced-early', [early]);
    await feed.append('forced-late', [late]);
    acknowledged.add(late.id);
    await follower.catchUp();
    await held.commit();
    acknowledged.add(early.id);
    return { early: early.id, late: late.id };
  };

  follower.start();
  try {
    const [forced] = await Promise.all([
      forceOutOfOrderCommit(),
      options.holdHorizon ? holdHorizon() : undefined,
      options.crossPowerOfTen === true ? crossPowerOfTen() : undefined,
      ...Array.from({ length: options.writers }, (_, writer) => write(writer)),
    ]);
    const followed = await follower.drain();
    const final = await readWholeFeed(feed.read);
    return { followed, final, acknowledged, forced, followerErrors: follower.errors, appends, lateAppends };
  } finally {
    await follower.stop();
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  }
}
