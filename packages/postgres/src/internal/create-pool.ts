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
 * Builds a pg pool that never waits forever for a connection or a lock, and that reports an idle
 * connection's error (a restarted database) instead of crashing the process.
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
  pool.on('error', settings.onError);
  return pool;
}
