import { decodeJson, type Snapshot } from '@orchestrix/core';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../internal/database';

/** Stores `snapshot` with its state as JSON text, unless a newer one is stored already. */
export async function writeSnapshot(db: Kysely<Database>, snapshot: Snapshot, state: string): Promise<void> {
  await db
    .insertInto('snapshots')
    .values({
      aggregate_id: snapshot.aggregateId,
      aggregate_type: snapshot.aggregateType,
      version: snapshot.version,
      state,
      timestamp: new Date(snapshot.timestamp),
      schema_version: snapshot.schemaVersion,
    })
    .onConflict((conflict) =>
      conflict
        .column('aggregate_id')
        .doUpdateSet((update) => ({
          aggregate_type: update.ref('excluded.aggregate_type'),
          version: update.ref('excluded.version'),
          state: update.ref('excluded.state'),
          timestamp: update.ref('excluded.timestamp'),
          schema_version: update.ref('excluded.schema_version'),
        }))
        .where('snapshots.version', '<=', (reference) => reference.ref('excluded.version')),
    )
    .execute();
}

/**
 * The stored snapshot of `aggregateId`, frozen, or `undefined`.
 *
 * @throws {@link SerializationError} when the stored state cannot be decoded.
 */
export async function readSnapshot(db: Kysely<Database>, aggregateId: string): Promise<Snapshot | undefined> {
  const row = await db
    .selectFrom('snapshots')
    .select([
      'aggregate_id',
      'aggregate_type',
      'version',
      sql<string>`state::text`.as('state'),
      'timestamp',
      'schema_version',
    ])
    .where('aggregate_id', '=', aggregateId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return Object.freeze({
    aggregateId: row.aggregate_id,
    aggregateType: row.aggregate_type,
    version: row.version,
    state: decodeJson(row.state, 'state'),
    timestamp: row.timestamp.toISOString(),
    schemaVersion: row.schema_version,
  });
}
