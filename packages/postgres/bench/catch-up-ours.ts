import { ProjectionRunner } from '@orchestrix/core';
import { PostgreSQLEventStore } from '@orchestrix/postgres';
import pg from 'pg';
import { benchSchemaName, DATABASE_URL } from './bench-side';
import { type CatchUpSide, lastPosition, prepareFeed, timedReplay } from './catch-up-side';
import { orderItemsProjection } from './order-items-projection';
import { BATCH_SIZE, summarizeReadModel } from './read-model';

/**
 * Ours: `PostgreSQLEventStore` with its `checkpoints()`, and a new `ProjectionRunner` per replay whose
 * `runUntilCaughtUp()` finds the head with `countAfter`, then reads batches through `readAll` and writes each
 * through `withTransaction`.
 */
export async function oursCatchUpSide(eventCount: number): Promise<CatchUpSide> {
  const schema = benchSchemaName('proj_ours');
  const store = new PostgreSQLEventStore({ connectionString: DATABASE_URL, schema, poolMax: 2 });
  // Bulk loads, resets and counts go through a pool of their own, so the store's holds only the replay.
  const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 1 });
  const dispose = async (): Promise<void> => {
    await store.close();
    await admin.query(`drop schema if exists ${pg.escapeIdentifier(schema)} cascade`);
    await admin.end();
  };
  try {
    await store.initialize();
    await prepareFeed(admin, schema, eventCount);
  } catch (error) {
    await dispose();
    throw error;
  }
  const checkpoints = store.checkpoints();
  return {
    name: 'ours',
    schema,
    replay({ mode }) {
      const projections = [orderItemsProjection(schema, mode)];
      const runner = new ProjectionRunner({ source: store, checkpoints, projections, batchSize: BATCH_SIZE });
      return timedReplay(admin, schema, () => runner.runUntilCaughtUp());
    },
    summarize: () => summarizeReadModel(admin, schema),
    head: () => lastPosition(admin, schema),
    dispose,
  };
}

/** How long the store's `countAfter(0n)` takes: how `runUntilCaughtUp()` finds the head before replaying. */
export async function timeHeadLookup(side: CatchUpSide): Promise<number> {
  const store = new PostgreSQLEventStore({
    connectionString: DATABASE_URL,
    schema: side.schema,
    poolMin: 1,
    poolMax: 1,
  });
  try {
    await store.initialize({ migrate: false });
    const started = performance.now();
    await store.countAfter(0n);
    return performance.now() - started;
  } finally {
    await store.close();
  }
}
