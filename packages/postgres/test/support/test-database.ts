import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { PostgreSQLEventStore } from '../../src/index';

/** The test server: the local PostgreSQL unless ORCHESTRIX_TEST_DATABASE_URL says otherwise. */
export const TEST_DATABASE_URL =
  process.env.ORCHESTRIX_TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** A fresh schema name for one test file, so files run in parallel and leave nothing behind. */
export function uniqueSchemaName(prefix = 'test'): string {
  return `orx_${prefix}_${randomBytes(5).toString('hex')}`;
}

/** A pool for a test file: `max` connections, so concurrent writers really overlap. */
export function testPool(max = 20): pg.Pool {
  const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max, connectionTimeoutMillis: 5000 });
  pool.on('error', () => undefined);
  return pool;
}

/** Drops a test schema and everything in it. */
export async function dropSchema(pool: pg.Pool, schema: string): Promise<void> {
  await pool.query(`drop schema if exists "${schema}" cascade`);
}

/** Creates and initializes a store on a new schema of the test database. */
export async function initializedStore(pool: pg.Pool, schema = uniqueSchemaName()): Promise<PostgreSQLEventStore> {
  const store = new PostgreSQLEventStore({ pool, schema });
  await store.initialize();
  return store;
}

/** Empties a store's tables between tests, keeping the schema (much faster than a new schema). */
export async function truncate(pool: pg.Pool, schema: string): Promise<void> {
  const tables = ['events', 'streams', 'snapshots', 'checkpoints', 'saga_states', 'dead_letters'];
  await pool.query(`truncate ${tables.map((table) => `"${schema}".${table}`).join(', ')}`);
}
