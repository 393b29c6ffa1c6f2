import { decodeJson, type SagaStateRecord } from '@orchestrix/core';
import { type SelectExpression, sql } from 'kysely';
import type { Database } from '../internal/database';

/** A `saga_states` row as this package reads it: the state as JSON text, decoded by core. */
export interface SagaStateRow {
  readonly saga_id: string;
  readonly saga_type: string;
  readonly status: string;
  readonly version: number;
  readonly state: string;
  readonly updated_at: Date;
  readonly save_order: string;
  readonly lease_owner: string | null;
  readonly lease_expires_at: Date | null;
}

/** The columns of {@link SagaStateRow}, for `select` and `returning`. */
export const SAGA_STATE_COLUMNS = [
  'saga_id',
  'saga_type',
  'status',
  'version',
  sql<string>`state::text`.as('state'),
  'updated_at',
  sql<string>`save_order::text`.as('save_order'),
  'lease_owner',
  'lease_expires_at',
] satisfies readonly SelectExpression<Database, 'saga_states'>[];

/**
 * Maps a row to a deeply frozen record, the same shape the in-memory store hands out.
 *
 * @throws {@link SerializationError} when the stored state cannot be decoded.
 */
export function rowToSagaStateRecord(row: SagaStateRow): SagaStateRecord {
  const record: Record<string, unknown> = {
    sagaId: row.saga_id,
    sagaType: row.saga_type,
    status: row.status,
    version: row.version,
    state: decodeJson(row.state, 'state'),
    updatedAt: row.updated_at.toISOString(),
  };
  if (row.lease_owner !== null && row.lease_expires_at !== null) {
    record.lease = Object.freeze({ owner: row.lease_owner, expiresAt: row.lease_expires_at.toISOString() });
  }
  return Object.freeze(record) as unknown as SagaStateRecord;
}

/** Records in the order of their last save, as `list` and `claimExpired` give them. */
export function bySaveOrder(rows: readonly SagaStateRow[]): SagaStateRow[] {
  return [...rows].sort((left, right) => {
    const difference = BigInt(left.save_order) - BigInt(right.save_order);
    return difference === 0n ? 0 : difference < 0n ? -1 : 1;
  });
}
