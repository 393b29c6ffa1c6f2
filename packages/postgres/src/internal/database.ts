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

/** A row of `checkpoints`: a projection's or subscription's position, and its lease. */
export interface CheckpointsTable {
  name: string;
  /** A bigint; read as text (`position::text`) so no pool type parser can round it. */
  position: ColumnType<string, string | undefined, string>;
  lease_owner: string | null;
  /** The last fencing token handed out: it outlives the lease, so the next holder gets a higher one. */
  fencing_token: ColumnType<string, string | number | undefined, string | number>;
  lease_expires_at: Date | null;
}

/** A row of `saga_states`: a saga's durable state, its version and its lease. */
export interface SagaStatesTable {
  saga_id: string;
  saga_type: string;
  status: string;
  version: number;
  /** JSON text on the way in, `jsonb` in the table, read as text and decoded by core. */
  state: string;
  updated_at: Date;
  /** Moves with every save (never with a claim or renewal): `list` and `claimExpired` go by it. */
  save_order: ColumnType<string, never, string>;
  lease_owner: string | null;
  lease_expires_at: Date | null;
}

/** A row of `dead_letters`: one message one handler failed on. */
export interface DeadLettersTable {
  id: string;
  /** The order letters were enqueued in: `list` and `redrive` go by it. */
  queue_order: ColumnType<string, never, never>;
  handler_name: string;
  message_type: string;
  /** The whole message envelope as JSON text, `jsonb` in the table. */
  message: string;
  attempts: number;
  /** `{ name, message, stack?, code? }` as JSON text, `jsonb` in the table. */
  error: string;
  failed_at: Date;
}

/** The tables of one Orchestrix schema, as kysely sees them. */
export interface Database {
  events: EventsTable;
  streams: StreamsTable;
  snapshots: SnapshotsTable;
  checkpoints: CheckpointsTable;
  saga_states: SagaStatesTable;
  dead_letters: DeadLettersTable;
}
