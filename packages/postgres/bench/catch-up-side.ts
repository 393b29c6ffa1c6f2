import pg from 'pg';
import { bulkLoadOrchestrixShape } from './bulk-load';
import type { ProjectionMode } from './order-items-projection';
import { createReadModel, type ReadModelSummary, resetReadModel } from './read-model';

/** How a side replays: the projection's mode, and the variants the diagnostics measure. */
export interface ReplayOptions {
  readonly mode: ProjectionMode;
  /** Raw pg only: send each statement unnamed, so the server parses and plans it every time (as kysely does). */
  readonly isUnprepared?: boolean;
}

/** How long a replay took, and how much CPU this process spent on it (the server's is not counted). */
export interface ReplayTiming {
  readonly elapsedMs: number;
  readonly cpuMs: number;
}

/** One side of the catch-up bench: a schema holding the feed, the read model and its checkpoint. */
export interface CatchUpSide {
  readonly name: 'ours' | 'raw pg';
  readonly schema: string;
  /** Replays the whole feed into the emptied read model. */
  replay(options: ReplayOptions): Promise<ReplayTiming>;
  /** The read model and checkpoint a replay left. */
  summarize(): Promise<ReadModelSummary>;
  /** The position of the last event stored. */
  head(): Promise<bigint>;
  /** Ends the pools and drops the schema. */
  dispose(): Promise<void>;
}

/**
 * Fills a side's schema (whose `events`, `streams` and `checkpoints` tables exist) as a user's store would
 * hold it: the read model's tables, then `eventCount` bulk-loaded events, vacuumed so no side pays for
 * setting hint bits during its first replay.
 */
export async function prepareFeed(admin: pg.Pool, schema: string, eventCount: number): Promise<void> {
  await admin.query(createReadModel(schema));
  await bulkLoadOrchestrixShape(admin, schema, eventCount);
  await admin.query(`vacuum analyze ${pg.escapeIdentifier(schema)}.events`);
}

/** Empties the read model and its checkpoint, then times `replay`. */
export async function timedReplay(admin: pg.Pool, schema: string, replay: () => Promise<void>): Promise<ReplayTiming> {
  await resetReadModel(admin, schema);
  const cpu = process.cpuUsage();
  const started = performance.now();
  await replay();
  const elapsedMs = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  return { elapsedMs, cpuMs: (user + system) / 1000 };
}

export async function lastPosition(admin: pg.Pool, schema: string): Promise<bigint> {
  const result = await admin.query(
    `select coalesce(max(position), 0)::text as position from ${pg.escapeIdentifier(schema)}.events`,
  );
  return BigInt(result.rows[0].position);
}
