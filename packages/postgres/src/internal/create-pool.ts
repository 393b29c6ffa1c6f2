import pg from 'pg';

/** What a store needs to build its own pool. */
export interface PoolSettings {
  readonly connectionString: string;
  readonly poolMin: number;
  readonly poolMax: number;
  readonly connectTimeoutMs: number;
  readonly statementTimeoutMs: number;
  readonly lockTimeoutMs: number;
  readonly onError: (error: Error) => void;
}

/**
 * Builds a pg pool that never waits forever for a connection or a lock, and that reports a connection's
 * error (a restarted database) instead of crashing the process.
 */
export function createPool(settings: PoolSettings): pg.Pool {
  const pool = new pg.Pool({
    connectionString: settings.connectionString,
    min: settings.poolMin,
    max: settings.poolMax,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    statement_timeout: settings.statementTimeoutMs,
    lock_timeout: settings.lockTimeoutMs,
    application_name: 'orchestrix',
  });
  guardPool(pool, settings.onError);
  return pool;
}

const guardedPools = new WeakSet<pg.Pool>();

/**
 * Routes the errors of a pool and of its clients to `onError`. pg emits `error` on an idle pooled client
 * (through the pool) and on a checked-out client whose connection drops (a killed backend, a stopped
 * server): without a listener either crashes the process. The query in flight still rejects.
 */
export function guardPool(pool: pg.Pool, onError: (error: Error) => void): void {
  // Many stores may share one pool: guard it once.
  if (guardedPools.has(pool)) return;
  guardedPools.add(pool);
  pool.on('error', onError);
  pool.on('connect', (client) => {
    client.on('error', onError);
  });
}
