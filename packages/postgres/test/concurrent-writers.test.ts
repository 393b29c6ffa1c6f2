// Sixteen writers on sixteen connections of their own, all queued on one stream's lock at once, in
// every expected-version mode (SPEC §4; reliability.md §6.1 #9–#13).
import {
  type AppendResult,
  ConcurrencyError,
  defineEvent,
  type Event,
  type ExpectedVersion,
  payload,
  type StoredEvent,
} from '@orchestrix/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgreSQLEventStore } from '../src/index';
import { blockedAppends, holdStreamLock } from './support/stream-lock';
import { dropSchema, testPool, uniqueSchemaName } from './support/test-database';

const WRITERS = 16;
const ROUNDS = 3;
const ItemAdded = defineEvent('ItemAdded', payload<{ writer: number; index: number }>());

const pool = testPool(WRITERS);
const admin = testPool(2);
const schema = uniqueSchemaName('writers');
const store = new PostgreSQLEventStore({ pool, schema });
let streams = 0;

beforeAll(async () => {
  await store.initialize();
  // Open every connection up front, so each writer runs on a backend of its own.
  await Promise.all(Array.from({ length: WRITERS }, () => pool.query('select pg_sleep(0.05)')));
});

afterAll(async () => {
  await dropSchema(admin, schema);
  await Promise.all([pool.end(), admin.end()]);
});

/** A stream id no other round or test file uses (the stream lock's key does not include the schema). */
function newStream(label: string): string {
  streams += 1;
  return `${label}-${schema}-${streams}`;
}

/** Writer `writer`'s batch: 1 to 3 events, so batches of different sizes interleave. */
function batchOf(writer: number): Event[] {
  return Array.from({ length: 1 + (writer % 3) }, (_, index) => ItemAdded({ writer, index }));
}

/**
 * Starts every writer's append while another connection holds the stream's lock, waits until all of
 * them wait for that lock on their own backends, then releases it: the appends really race.
 */
async function race(
  streamId: string,
  batches: readonly Event[][],
  expectedVersion: ExpectedVersion,
): Promise<PromiseSettledResult<AppendResult>[]> {
  const lock = await holdStreamLock(streamId);
  const settled = Promise.allSettled(batches.map((events) => store.save(streamId, events, expectedVersion)));
  try {
    expect(await blockedAppends(admin, schema, WRITERS)).toHaveLength(WRITERS);
    expect(pool.totalCount).toBe(WRITERS);
  } finally {
    await lock.release();
  }
  return settled;
}

function winnersOf(results: readonly PromiseSettledResult<AppendResult>[]): number[] {
  return results.flatMap((result, writer) => (result.status === 'fulfilled' ? [writer] : []));
}

function conflictsOf(results: readonly PromiseSettledResult<AppendResult>[]): ConcurrencyError[] {
  return results.flatMap((result) => {
    if (result.status === 'fulfilled') return [];
    expect(result.reason).toBeInstanceOf(ConcurrencyError);
    return [result.reason as ConcurrencyError];
  });
}

const idsOf = (events: readonly Event[]): string[] => events.map((event) => event.id);

/**
 * Checks a stream holds versions 1..n without duplicates, each winning batch contiguous and in order
 * where its result says, and positions increasing with versions.
 */
function expectContiguousBatches(
  stored: readonly StoredEvent[],
  batches: readonly Event[][],
  results: readonly PromiseSettledResult<AppendResult>[],
): void {
  expect(stored.map((event) => event.version)).toEqual(stored.map((_, index) => index + 1));
  expect(new Set(idsOf(stored)).size).toBe(stored.length);
  for (let index = 1; index < stored.length; index += 1) {
    expect((stored[index] as StoredEvent).position).toBeGreaterThan((stored[index - 1] as StoredEvent).position);
  }
  for (const writer of winnersOf(results)) {
    const batch = batches[writer] as Event[];
    const result = (results[writer] as PromiseFulfilledResult<AppendResult>).value;
    const start = stored.findIndex((event) => event.id === batch[0]?.id);
    const slice = stored.slice(start, start + batch.length);
    expect(idsOf(slice)).toEqual(idsOf(batch));
    expect(result.nextExpectedVersion).toBe(slice.at(-1)?.version);
    expect(result.lastPosition).toBe(slice.at(-1)?.position);
  }
}

/** Reads the global feed until it holds every event of `streamIds` (it shows only settled transactions). */
async function feedOf(streamIds: readonly string[], count: number): Promise<StoredEvent[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const feed = (await store.readAll({ limit: 10_000 })).filter((event) => streamIds.includes(event.streamId));
    if (feed.length >= count || Date.now() > deadline) return feed;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function expectFeedInStreamOrder(streamIds: readonly string[]): Promise<void> {
  const loaded = await Promise.all(streamIds.map((streamId) => store.load(streamId)));
  const count = loaded.reduce((sum, events) => sum + events.length, 0);

  const feed = await feedOf(streamIds, count);

  expect(feed).toHaveLength(count);
  streamIds.forEach((streamId, index) => {
    const inFeed = feed.filter((event) => event.streamId === streamId);
    expect(idsOf(inFeed)).toEqual(idsOf(loaded[index] as StoredEvent[]));
  });
}

const writers = (): Event[][] => Array.from({ length: WRITERS }, (_, writer) => batchOf(writer));

describe(`PostgreSQLEventStore under ${WRITERS} concurrent writers on their own connections`, () => {
  it('lets exactly one writer of the same exact version win; the others learn the actual version', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const streamId = newStream('exact');
      await store.save(streamId, batchOf(0));
      const batches = writers();

      const results = await race(streamId, batches, 1);

      const [winner] = winnersOf(results);
      expect(winnersOf(results)).toHaveLength(1);
      const actualVersion = 1 + (batches[winner as number] as Event[]).length;
      for (const conflict of conflictsOf(results)) {
        expect(conflict).toMatchObject({ streamId, expectedVersion: 1, actualVersion, retryable: true });
      }
      const stored = await store.load(streamId);
      expect(idsOf(stored.slice(1))).toEqual(idsOf(batches[winner as number] as Event[]));
      expectContiguousBatches(stored, batches, results);
    }
  });

  it.each([0, 'no_stream'] as const)('lets exactly one creator of a new stream win with %o', async (expected) => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const streamId = newStream('create');
      const batches = writers();

      const results = await race(streamId, batches, expected);

      const [winner] = winnersOf(results);
      expect(winnersOf(results)).toHaveLength(1);
      const winning = batches[winner as number] as Event[];
      for (const conflict of conflictsOf(results)) {
        expect(conflict).toMatchObject({ streamId, expectedVersion: expected, actualVersion: winning.length });
      }
      expect(idsOf(await store.load(streamId))).toEqual(idsOf(winning));
    }
  });

  it("lets no writer append with 'stream_exists' to a missing stream, and writes nothing", async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const streamId = newStream('missing');

      const results = await race(streamId, writers(), 'stream_exists');

      expect(winnersOf(results)).toEqual([]);
      for (const conflict of conflictsOf(results)) expect(conflict.actualVersion).toBe(0);
      expect(await store.load(streamId)).toEqual([]);
      expect(await store.streamVersion(streamId)).toBe(0);
      const rows = await admin.query(`select 1 from "${schema}".streams where stream_id = $1`, [streamId]);
      expect(rows.rowCount).toBe(0);
    }
  });

  it("lets every writer append with 'stream_exists' to an existing stream, in contiguous batches", async () => {
    const streamIds: string[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const streamId = newStream('exists');
      streamIds.push(streamId);
      await store.save(streamId, batchOf(0));
      const batches = writers();

      const results = await race(streamId, batches, 'stream_exists');

      expect(winnersOf(results)).toHaveLength(WRITERS);
      const stored = await store.load(streamId);
      expect(stored).toHaveLength(1 + batches.flat().length);
      expectContiguousBatches(stored, batches, results);
    }
    await expectFeedInStreamOrder(streamIds);
  });

  it("serialises every 'any' writer into versions 1..n, each batch contiguous and in order", async () => {
    const streamIds: string[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const streamId = newStream('any');
      streamIds.push(streamId);
      const batches = writers();

      const results = await race(streamId, batches, 'any');

      expect(winnersOf(results)).toHaveLength(WRITERS);
      const stored = await store.load(streamId);
      expect(stored).toHaveLength(batches.flat().length);
      expectContiguousBatches(stored, batches, results);
      const reported = winnersOf(results).map(
        (writer) => (results[writer] as PromiseFulfilledResult<AppendResult>).value.nextExpectedVersion,
      );
      expect(new Set(reported).size).toBe(WRITERS);
    }
    await expectFeedInStreamOrder(streamIds);
  });

  it('lists concurrent appends to many streams in the global feed in each stream’s version order', async () => {
    const streamIds = [newStream('many'), newStream('many'), newStream('many'), newStream('many')];
    const batches = writers();

    await Promise.all(batches.map((events, writer) => store.save(streamIds[writer % 4] as string, events)));

    expect(pool.totalCount).toBe(WRITERS);
    await expectFeedInStreamOrder(streamIds);
  });
});
