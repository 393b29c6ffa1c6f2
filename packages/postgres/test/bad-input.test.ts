// Bad input meets a typed error before anything is written, and a row no store could have written fails
// to load with a typed error, not a crash (SPEC §4, §4a; reliability.md §6.1, §6.2).
import {
  type Event,
  MAX_APPEND_BYTES,
  MAX_EVENTS_PER_APPEND,
  OrchestrixError,
  SerializationError,
  uuidv7,
  ValidationError,
} from '@orchestrix/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgreSQLEventStore } from '../src/index';
import { dropSchema, testPool, uniqueSchemaName } from './support/test-database';

const pool = testPool(3);
const untouched = testPool(1);
const schema = uniqueSchemaName('bad_input');
const store = new PostgreSQLEventStore({ pool, schema });

beforeAll(async () => {
  await store.initialize();
});

afterAll(async () => {
  await dropSchema(pool, schema);
  await Promise.all([pool.end(), untouched.end()]);
});

/** An event built by hand, as a plain object a factory never normalised, with `overrides` applied. */
function handBuilt(overrides: Record<string, unknown> = {}): Event {
  const event = {
    kind: 'event',
    type: 'ItemAdded',
    data: { sku: 'sku-1' },
    id: uuidv7(),
    specversion: '1.0',
    source: 'bad-input-test',
    timestamp: new Date().toISOString(),
    schemaVersion: 1,
    ...overrides,
  };
  return event as unknown as Event;
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('Expected a rejection, but the promise resolved.');
    },
    (error: unknown) => error,
  );
}

/** Rows in the schema's event and stream tables; each test checks it did not grow. */
async function totalRows(): Promise<number> {
  const result = await pool.query<{ count: number }>(
    `select (select count(*)::int from "${schema}".events) + (select count(*)::int from "${schema}".streams) as count`,
  );
  return (result.rows[0] as { count: number }).count;
}

describe('PostgreSQLEventStore given bad input', () => {
  it.each([
    'Orders',
    'a-b',
    'x"; drop table y; --',
    'a'.repeat(64),
    'pg_temp',
    'pg_catalog',
    '',
    '1st',
    'public.events',
    'schéma',
  ])('refuses the schema name %j at construction, before connecting', (name) => {
    let error: unknown;
    try {
      new PostgreSQLEventStore({ pool: untouched, schema: name });
    } catch (thrown) {
      error = thrown;
    }

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'schema', value: name });
    expect(untouched.totalCount).toBe(0);
  });

  it('accepts a schema name of 63 characters', () => {
    expect(new PostgreSQLEventStore({ pool: untouched, schema: 'a'.repeat(63) }).schema).toBe('a'.repeat(63));
  });

  it.each([
    ['empty', ''],
    ['201 characters long', 'x'.repeat(201)],
    ['holding NUL', 'order\u00001'],
    ['holding a newline', 'order\n1'],
    ['holding DEL', 'order\u007f1'],
    ['holding a C1 control', 'order\u00851'],
  ])('refuses a stream id %s on save, load and streamVersion, writing nothing', async (_name, streamId) => {
    const before = await totalRows();

    const errors = await Promise.all([
      rejectionOf(store.save(streamId, [handBuilt()])),
      rejectionOf(store.load(streamId)),
      rejectionOf(store.streamVersion(streamId)),
    ]);

    for (const error of errors) {
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ field: 'streamId' });
    }
    expect(await totalRows()).toBe(before);
  });

  it.each(['x'.repeat(200), `o'r"d;e%r_-1`, 'a_%', 'ümlaut-日本-🚀'])(
    'stores and reads back the stream id %j exactly',
    async (streamId) => {
      const event = handBuilt();

      await store.save(streamId, [event]);

      expect((await store.load(streamId)).map((stored) => [stored.streamId, stored.id])).toEqual([
        [streamId, event.id],
      ]);
    },
  );

  it.each([
    ['a NUL character', { text: 'a\u0000b' }],
    ['a lone high surrogate', { text: 'a\ud800b' }],
    ['a lone low surrogate', { text: '\udc00' }],
    ['a NUL in a key', { 'k\u0000': 1 }],
  ])('refuses data holding %s with a SerializationError before writing anything', async (_name, data) => {
    const before = await totalRows();

    const error = await rejectionOf(store.save(`payload-${uuidv7()}`, [handBuilt(), handBuilt({ data })]));

    expect(error).toBeInstanceOf(SerializationError);
    expect((error as SerializationError).path).toMatch(/^events\[1\]\.data/);
    expect(await totalRows()).toBe(before);
  });

  it.each([
    ['a type holding NUL', { type: 'Item\u0000Added' }],
    ['an id holding a lone surrogate', { id: `${uuidv7()}\ud800` }],
    ['a source holding NUL', { source: 'a\u0000b' }],
    ['a timestamp PostgreSQL cannot read', { timestamp: 'not a time' }],
    ['a schemaVersion beyond a 32-bit integer', { schemaVersion: 2 ** 40 }],
  ])('refuses an event with %s with a typed error that is not retryable, writing nothing', async (_name, fields) => {
    const before = await totalRows();

    const error = await rejectionOf(store.save(`metadata-${uuidv7()}`, [handBuilt(), handBuilt(fields)]));

    expect(error).toBeInstanceOf(OrchestrixError);
    expect([SerializationError, ValidationError].some((type) => error instanceof type)).toBe(true);
    expect((error as OrchestrixError).retryable).toBe(false);
    expect(await totalRows()).toBe(before);
  });

  it.each([
    ['infinity', 'infinity'],
    ['microseconds and an offset', '2024-01-01T00:00:00.123456+02:00'],
    ['a date only', '2024-01-01'],
  ])('refuses a timestamp of %s with a ValidationError, writing nothing', async (_name, timestamp) => {
    const streamId = `timestamp-${uuidv7()}`;

    const error = await rejectionOf(store.save(streamId, [handBuilt({ timestamp })]));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'events[0].timestamp' });
    expect(await store.streamVersion(streamId)).toBe(0);
  });

  it(`refuses an append of ${MAX_EVENTS_PER_APPEND + 1} events with a ValidationError, writing nothing`, async () => {
    const before = await totalRows();
    const events = Array.from({ length: MAX_EVENTS_PER_APPEND + 1 }, () => handBuilt());

    const error = await rejectionOf(store.save(`too-many-${uuidv7()}`, events));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'events', value: MAX_EVENTS_PER_APPEND + 1 });
    expect(await totalRows()).toBe(before);
  });

  it(`stores an append of exactly ${MAX_EVENTS_PER_APPEND} events`, async () => {
    const streamId = `many-${uuidv7()}`;
    const events = Array.from({ length: MAX_EVENTS_PER_APPEND }, () => handBuilt());

    const result = await store.save(streamId, events);

    expect(result.nextExpectedVersion).toBe(MAX_EVENTS_PER_APPEND);
    expect(await store.streamVersion(streamId)).toBe(MAX_EVENTS_PER_APPEND);
  });

  it('refuses an append of more than 16 MiB of encoded data with a ValidationError, writing nothing', async () => {
    const before = await totalRows();
    const half = { text: 'x'.repeat(MAX_APPEND_BYTES / 2) };

    const error = await rejectionOf(
      store.save(`too-big-${uuidv7()}`, [handBuilt({ data: half }), handBuilt({ data: half })]),
    );

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'events' });
    expect(await totalRows()).toBe(before);
  });
});

describe('PostgreSQLEventStore reading a row it cannot decode', () => {
  const streamId = `undecodable-${uuidv7()}`;
  const traceId = uuidv7().replaceAll('-', '');
  let position = 0n;

  beforeAll(async () => {
    // jsonb keeps 1e400 exactly; JSON.parse would turn it into Infinity.
    const inserted = await pool.query<{ position: string }>(
      `insert into "${schema}".events (position, transaction_id, stream_id, version, event_id, type, data, source,
         timestamp, schema_version, trace_id)
       values ((pg_current_xact_id()::text::bigint << 14), pg_current_xact_id(), $1, 1, $2, 'ItemAdded',
         '{"amount": 1e400}', 'elsewhere', now(), 1, $3)
       returning position::text`,
      [streamId, uuidv7(), traceId],
    );
    position = BigInt((inserted.rows[0] as { position: string }).position);
    await pool.query(`insert into "${schema}".streams (stream_id, version) values ($1, 1)`, [streamId]);
    await pool.query(
      `insert into "${schema}".snapshots (aggregate_id, aggregate_type, version, state, timestamp, schema_version)
       values ($1, 'Order', 1, '{"total": -1e400}', now(), 1)`,
      [streamId],
    );
  });

  it('rejects load and loadByTrace with a SerializationError naming the data', async () => {
    const errors = [await rejectionOf(store.load(streamId)), await rejectionOf(store.loadByTrace(traceId))];

    for (const error of errors) {
      expect(error).toBeInstanceOf(SerializationError);
      expect((error as SerializationError).path).toMatch(/data\.amount$/);
    }
  });

  it('rejects readAll with a SerializationError once the row is in the feed', async () => {
    const deadline = Date.now() + 5000;
    let error: unknown;
    while (error === undefined && Date.now() < deadline) {
      error = await store.readAll({ after: position - 1n, limit: 1 }).then(
        () => undefined,
        (reason: unknown) => reason,
      );
    }

    expect(error).toBeInstanceOf(SerializationError);
  });

  it('rejects loadSnapshot with a SerializationError', async () => {
    const error = await rejectionOf(store.loadSnapshot(streamId));

    expect(error).toBeInstanceOf(SerializationError);
    expect((error as SerializationError).path).toMatch(/^state/);
  });
});
