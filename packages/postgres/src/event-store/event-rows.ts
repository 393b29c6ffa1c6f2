import { decodeJson, type StoredEvent } from '@orchestrix/core';
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from '../internal/database';

/** An `events` row as this package selects it: bigints and JSON as text, decoded by core. */
export interface EventRow {
  readonly position: string;
  readonly stream_id: string;
  readonly version: number;
  readonly event_id: string;
  readonly type: string;
  readonly data: string;
  readonly source: string;
  readonly timestamp: Date;
  readonly schema_version: number;
  readonly subject: string | null;
  readonly datacontenttype: string | null;
  readonly dataschema: string | null;
  readonly correlation_id: string | null;
  readonly causation_id: string | null;
  readonly trace_id: string | null;
  readonly traceparent: string | null;
}

/** Selects the columns of {@link EventRow}; casts keep bigints and JSON exact whatever the pool's type parsers. */
export function selectEvents(db: Kysely<Database>): SelectQueryBuilder<Database, 'events', EventRow> {
  return db
    .selectFrom('events')
    .select([
      sql<string>`position::text`.as('position'),
      'stream_id',
      'version',
      'event_id',
      'type',
      sql<string>`data::text`.as('data'),
      'source',
      'timestamp',
      'schema_version',
      'subject',
      'datacontenttype',
      'dataschema',
      'correlation_id',
      'causation_id',
      'trace_id',
      'traceparent',
    ]);
}

/**
 * Maps a row to a deeply frozen stored event, the same shape the memory store hands out.
 *
 * @throws {@link SerializationError} when the row's data cannot be decoded.
 */
export function rowToStoredEvent(row: EventRow): StoredEvent {
  const event: Record<string, unknown> = {
    kind: 'event',
    type: row.type,
    data: decodeJson(row.data, `events[${row.position}].data`),
    id: row.event_id,
    specversion: '1.0',
    source: row.source,
    timestamp: row.timestamp.toISOString(),
    schemaVersion: row.schema_version,
    streamId: row.stream_id,
    version: row.version,
    position: BigInt(row.position),
  };
  if (row.subject !== null) event.subject = row.subject;
  if (row.datacontenttype !== null) event.datacontenttype = row.datacontenttype;
  if (row.dataschema !== null) event.dataschema = row.dataschema;
  if (row.correlation_id !== null) event.correlationId = row.correlation_id;
  if (row.causation_id !== null) event.causationId = row.causation_id;
  if (row.trace_id !== null) event.traceId = row.trace_id;
  if (row.traceparent !== null) event.traceparent = row.traceparent;
  return Object.freeze(event) as unknown as StoredEvent;
}
