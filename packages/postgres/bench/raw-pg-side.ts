import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { type BenchSide, benchSchemaName, DATABASE_URL, type FeedPage, itemData, POOL_SIZE } from './bench-side';
import { bulkLoadOrchestrixShape } from './bulk-load';

/** The store's tables and indexes, column for column (snapshots aside: no workload touches them). */
export function createRawTables(schema: string): string {
  return `
    create schema ${schema};
    create table ${schema}.streams (stream_id text primary key, version integer not null);
    create table ${schema}.events (
      position bigint primary key, transaction_id xid8 not null, stream_id text not null, version integer not null,
      event_id text not null, type text not null, data jsonb not null, source text not null,
      timestamp timestamptz not null, schema_version integer not null, subject text, datacontenttype text,
      dataschema text, correlation_id text, causation_id text, trace_id text, traceparent text,
      constraint events_stream_version_key unique (stream_id, version),
      constraint events_event_id_key unique (event_id));
    create index events_trace_id_idx on ${schema}.events (trace_id, position) where trace_id is not null;
    create index events_transaction_id_idx on ${schema}.events (transaction_id);`;
}

/**
 * One statement, one round trip, auto-committed: the advisory lock comes first (it assigns no transaction
 * id, so the id and the positions come after the lock, as in the store), then the stream row is written
 * only if it is at the expected version, then the events. A stale snapshot cannot pass the check: the
 * update re-reads a row that another writer changed, and `on conflict` sees committed rows.
 */
function appendStatement(schema: string, isNewStream: boolean): string {
  const writeStream = isNewStream
    ? `insert into ${schema}.streams (stream_id, version) select $1, $2::int + $3::int from lock
       on conflict do nothing returning version`
    : `update ${schema}.streams set version = $2::int + $3::int
       where stream_id = $1 and version = $2::int and (select true from lock) returning version`;
  return `
    with lock as materialized (select pg_advisory_xact_lock(hashtextextended('orchestrix.stream:' || $1, 0))),
    stream as (${writeStream}),
    xact as (select pg_current_xact_id() as xid from stream),
    inserted as (
      insert into ${schema}.events (position, transaction_id, stream_id, version, event_id, type, data, source,
        timestamp, schema_version)
      select (xact.xid::text::bigint << 14) + (e.ordinal - 1), xact.xid, $1, $2::int + e.ordinal::integer,
        e.value->>'id', e.value->>'type', e.value->'data', e.value->>'source', (e.value->>'timestamp')::timestamptz,
        (e.value->>'schemaVersion')::integer
      from xact, jsonb_array_elements($4::jsonb) with ordinality as e(value, ordinal))
    select (select version from stream) as version, (select xid::text from xact) as xid`;
}

/**
 * The store's columns, fetched as pg can fastest: rows as arrays (`rowMode: 'array'`), bigints and JSON as
 * text, and the timestamp already as the ISO 8601 text an event carries, so no Date is parsed and printed.
 */
const COLUMNS = `position::text, stream_id, version, event_id, type, data::text, source,
  to_char(timestamp at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), schema_version, subject, datacontenttype,
  dataschema, correlation_id, causation_id, trace_id, traceparent`;

type Row = [string, string, number, string, string, string, string, string, number, ...(string | null)[]];

const OPTIONAL_FIELDS = [
  'subject',
  'datacontenttype',
  'dataschema',
  'correlationId',
  'causationId',
  'traceId',
  'traceparent',
] as const;

function deepFreeze(value: unknown): unknown {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** The same frozen event objects the store hands out, without its codec's checks. */
function toEvent(row: Row): Readonly<Record<string, unknown>> {
  const [position, streamId, version, id, type, data, source, timestamp, schemaVersion] = row;
  const event: Record<string, unknown> = {
    kind: 'event',
    type,
    data: deepFreeze(JSON.parse(data)),
    id,
    specversion: '1.0',
    source,
    timestamp,
    schemaVersion,
    streamId,
    version,
    position: BigInt(position),
  };
  for (let index = 0; index < OPTIONAL_FIELDS.length; index += 1) {
    const value = row[9 + index];
    if (value !== null && value !== undefined) event[OPTIONAL_FIELDS[index] as string] = value;
  }
  return Object.freeze(event);
}

/** Hand-written pg doing the store's work as fast as we know how: prepared statements, one round trip each. */
export async function rawPgSide(): Promise<BenchSide> {
  const name = benchSchemaName('raw');
  const schema = pg.escapeIdentifier(name);
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: POOL_SIZE });
  await pool.query(createRawTables(schema));
  const appendToStream = appendStatement(schema, false);
  const appendToNewStream = appendStatement(schema, true);
  const loadStream = `select ${COLUMNS} from ${schema}.events where stream_id = $1 and version > 0 order by version`;
  // Qualified: a bare `order by position` would sort by the text output column, not by the index.
  const readAll = `select ${COLUMNS} from ${schema}.events as e
    where e.position > $1 and e.transaction_id < pg_snapshot_xmin(pg_current_snapshot()) order by e.position limit $2`;
  return {
    name: 'raw pg',
    schema: name,
    async append(streamId, count, expectedVersion) {
      const events = new Array(count);
      // Time-ordered ids, as the store makes: new keys land on the same few pages of the event id index.
      for (let index = 0; index < count; index += 1) {
        const timestamp = new Date().toISOString();
        const data = itemData(expectedVersion + index);
        events[index] = {
          id: uuidv7(),
          type: 'ItemAdded',
          source: 'orchestrix',
          timestamp,
          schemaVersion: 1,
          data,
        };
      }
      const isNewStream = expectedVersion === 0;
      const result = await pool.query({
        name: isNewStream ? 'append-new' : 'append',
        text: isNewStream ? appendToNewStream : appendToStream,
        values: [streamId, expectedVersion, count, JSON.stringify(events)],
      });
      if (result.rows[0]?.version === null) throw new Error(`"${streamId}" is not at version ${expectedVersion}`);
    },
    async load(streamId) {
      const result = await pool.query<Row>({ name: 'load', text: loadStream, values: [streamId], rowMode: 'array' });
      return result.rows.map(toEvent).length;
    },
    async readPage(after, limit): Promise<FeedPage> {
      const result = await pool.query<Row>({
        name: 'read-all',
        text: readAll,
        values: [after.toString(), limit],
        rowMode: 'array',
      });
      const events = result.rows.map(toEvent);
      return { count: events.length, lastPosition: (events.at(-1)?.position as bigint | undefined) ?? after };
    },
    bulkLoad: (eventCount) => bulkLoadOrchestrixShape(pool, name, eventCount),
    async countEvents() {
      return (await pool.query(`select count(*)::int as count from ${schema}.events`)).rows[0].count;
    },
    async dispose() {
      await pool.query(`drop schema if exists ${schema} cascade`);
      await pool.end();
    },
  };
}
