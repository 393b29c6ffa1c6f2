import type { Logger, Metrics, Tracer, UpcasterRegistry } from '@orchestrix/core';
import { ValidationError } from '@orchestrix/core';
import type pg from 'pg';

/** Options of {@link PostgreSQLEventStore}: a connection string (the store owns its pool) or a pool. */
export interface PostgreSQLEventStoreOptions {
  /** `postgresql://user@host:5432/database`; the store then owns its pool and ends it in `close()`. */
  readonly connectionString?: string;
  /** An existing pg pool to share; the store never ends it. */
  readonly pool?: pg.Pool;
  /** The schema every table lives in; a plain lower-case identifier. `orchestrix` unless given. */
  readonly schema?: string;
  /** Pool sizing when the store owns the pool: 2 and 10 unless given. */
  readonly poolMin?: number;
  readonly poolMax?: number;
  /** How long to wait for a connection before `StoreUnavailableError`; 5000 ms unless given. */
  readonly connectTimeoutMs?: number;
  /** The longest a statement may run; 30,000 ms unless given. */
  readonly statementTimeoutMs?: number;
  /** The longest an append waits for a lock; 10,000 ms unless given. */
  readonly lockTimeoutMs?: number;
  /** Raises old events to their newest schema version on read. */
  readonly upcasters?: UpcasterRegistry;
  readonly metrics?: Metrics;
  /** Opens an `event_store.<operation>` client span per call made inside a traced flow. */
  readonly tracer?: Tracer;
  /** Receives warnings (durability settings, a pool's lost idle connection); silent unless given. */
  readonly logger?: Logger;
}

/** The options with every default filled in and checked. */
export interface ResolvedOptions {
  readonly schema: string;
  readonly poolMin: number;
  readonly poolMax: number;
  readonly connectTimeoutMs: number;
  readonly statementTimeoutMs: number;
  readonly lockTimeoutMs: number;
}

const SAFE_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

function positiveInteger(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new ValidationError(field, value, `${field} must be a positive integer`);
  }
  return value;
}

/**
 * Checks a schema name: lower-case letters, digits and `_`, not starting with a digit, at most 63
 * bytes (PostgreSQL silently truncates longer identifiers).
 *
 * @throws {@link ValidationError} with field `schema`.
 */
export function validateSchemaName(schema: unknown): asserts schema is string {
  if (typeof schema !== 'string' || !SAFE_IDENTIFIER.test(schema) || schema.startsWith('pg_')) {
    throw new ValidationError(
      'schema',
      schema,
      'schema must be a lower-case identifier of letters, digits and _ (at most 63), not starting with a digit or pg_',
    );
  }
}

/** Fills in defaults and checks every option before anything connects. */
export function resolveOptions(options: PostgreSQLEventStoreOptions): ResolvedOptions {
  const hasConnectionString = typeof options.connectionString === 'string' && options.connectionString !== '';
  if (hasConnectionString === (options.pool !== undefined)) {
    throw new ValidationError('connectionString', undefined, 'give exactly one of connectionString or pool');
  }
  const schema = options.schema ?? 'orchestrix';
  validateSchemaName(schema);
  const poolMin = options.poolMin ?? 2;
  const poolMax = positiveInteger(options.poolMax ?? 10, 'poolMax');
  if (!Number.isSafeInteger(poolMin) || poolMin < 0 || poolMin > poolMax) {
    throw new ValidationError('poolMin', poolMin, 'poolMin must be an integer from 0 to poolMax');
  }
  return {
    schema,
    poolMin,
    poolMax,
    connectTimeoutMs: positiveInteger(options.connectTimeoutMs ?? 5000, 'connectTimeoutMs'),
    statementTimeoutMs: positiveInteger(options.statementTimeoutMs ?? 30_000, 'statementTimeoutMs'),
    lockTimeoutMs: positiveInteger(options.lockTimeoutMs ?? 10_000, 'lockTimeoutMs'),
  };
}
