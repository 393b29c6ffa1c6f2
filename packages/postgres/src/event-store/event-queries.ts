import { createHash } from 'node:crypto';
import { decodeJson, type StoredEvent } from '@orchestrix/core';
import type pg from 'pg';

// The event reads and the append go to pg directly, as named prepared statements with array rows:
// `pnpm bench` showed kysely's per-call compilation, re-planning and object rows cost ~35% of a load.

/**
 * The columns every event read selects, in the order {@link rowToStoredEvent} reads them. `position::text`
 * is named `position`: an ORDER BY must name the table's column (`events.position`), or it sorts text.
 */
const EVENT_COLUMNS = `position::text, stream_id, version, event_id, type, data::text, source,
  to_char(timestamp at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), schema_version, subject,
  datacontenttype, dataschema, correlation_id, causation_id, trace_id, traceparent`;

/** A prepared statement of one schema: its name (per schema, unique and short) and its text. */
export interface SchemaStatement {
  readonly name: string;
  readonly text: string;
}

/** The statements a store runs on its schema, prepared once per connection by name. */
export interface EventStatements {
  readonly append: SchemaStatement;
  readonly load: SchemaStatement;
  readonly loadByTrace: SchemaStatement;
  readonly readAll: SchemaStatement;
  readonly countAfter: SchemaStatement;
  readonly findByIds: SchemaStatement;
}

/** Builds the statements of `schema` (a validated plain identifier, so it can stand quoted in SQL). */
export function eventStatements(schema: string): EventStatements {
  const prefix = `orx_${createHash('sha256').update(schema).digest('hex').slice(0, 16)}`;
  const events = `"${schema}".events`;
  const select = `select ${EVENT_COLUMNS} from ${events}`;
  return {
    append: { name: `${prefix}_append`, text: `select * from "${schema}"."append_events"($1, $2, $3::jsonb)` },
    load: { name: `${prefix}_load`, text: `${select} where stream_id = $1 and version > $2 order by version` },
    loadByTrace: { name: `${prefix}_trace`, text: `${select} where trace_id = $1 order by ${events}.position` },
    // Only events of transactions below the oldest running one: they can never be joined by an earlier position.
    readAll: {
      name: `${prefix}_read_all`,
      text: `${select} where position > $1 and ($2::text[] is null or type = any($2))
        and transaction_id < pg_snapshot_xmin(pg_current_snapshot()) order by ${events}.position limit $3`,
    },
    countAfter: {
      name: `${prefix}_count_after`,
      text: `select count(*)::text, max(position)::text from ${events}
        where position > $1 and transaction_id < pg_snapshot_xmin(pg_current_snapshot())`,
    },
    findByIds: { name: `${prefix}_by_ids`, text: `${select} where event_id = any($1)` },
  };
}

/** Runs a prepared statement with array rows and maps them to stored events. */
export async function queryEvents(
  pool: pg.Pool,
  statement: SchemaStatement,
  values: readonly unknown[],
): Promise<StoredEvent[]> {
  const result = await pool.query<unknown[]>({ ...statement, values: [...values], rowMode: 'array' });
  return result.rows.map(rowToStoredEvent);
}

/**
 * Maps an array row of {@link EVENT_COLUMNS} to a deeply frozen stored event, the shape every store
 * hands out.
 *
 * @throws {@link SerializationError} when the row's data cannot be decoded.
 */
export function rowToStoredEvent(row: unknown[]): StoredEvent {
  const [position, streamId, version, id, type, data, source, timestamp, schemaVersion] = row as [
    string,
    string,
    number,
    string,
    string,
    string,
    string,
    string,
    number,
  ];
  const event: Record<string, unknown> = {
    kind: 'event',
    type,
    data: decodeJson(data, `events[${position}].data`),
    id,
    specversion: '1.0',
    source,
    timestamp,
    schemaVersion,
    streamId,
    version,
    position: BigInt(position),
  };
  const optional = row as (string | null)[];
  if (optional[9] !== null) event.subject = optional[9];
  if (optional[10] !== null) event.datacontenttype = optional[10];
  if (optional[11] !== null) event.dataschema = optional[11];
  if (optional[12] !== null) event.correlationId = optional[12];
  if (optional[13] !== null) event.causationId = optional[13];
  if (optional[14] !== null) event.traceId = optional[14];
  if (optional[15] !== null) event.traceparent = optional[15];
  return Object.freeze(event) as unknown as StoredEvent;
}
