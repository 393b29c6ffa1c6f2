import type { ColumnType } from 'kysely';

/** A row of `events`: one stored event. */
export interface EventsTable {
  position: bigint;
  transaction_id: ColumnType<string, never, never>;
  stream_id: string;
  version: number;
  event_id: string;
  type: string;
  data: string;
  source: string;
  timestamp: Date;
  schema_version: number;
  subject: string | null;
  datacontenttype: string | null;
  dataschema: string | null;
  correlation_id: string | null;
  causation_id: string | null;
  trace_id: string | null;
  traceparent: string | null;
}

/** A row of `streams`: a stream's current version, the row its writers lock. */
export interface StreamsTable {
  stream_id: string;
  version: number;
}

/** A row of `snapshots`: the newest snapshot of one aggregate. */
export interface SnapshotsTable {
  aggregate_id: string;
  aggregate_type: string;
  version: number;
  state: string;
  timestamp: Date;
  schema_version: number;
}

/** The tables of one Orchestrix schema, as kysely sees them. */
export interface Database {
  events: EventsTable;
  streams: StreamsTable;
  snapshots: SnapshotsTable;
}
