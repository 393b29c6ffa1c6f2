import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The test server: the local PostgreSQL unless ORCHESTRIX_TEST_DATABASE_URL says otherwise. */
const TEST_DATABASE_URL = process.env.ORCHESTRIX_TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** A fresh schema name for one test file, so files leave nothing behind. */
export function uniqueSchemaName(prefix: string): string {
  return `orx_${prefix}_${randomBytes(5).toString('hex')}`;
}

/** A pool for a test file. */
export function testPool(max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max, connectionTimeoutMillis: 5000 });
  pool.on('error', () => undefined);
  return pool;
}

/** Drops a test schema and everything in it. */
export async function dropSchema(pool: pg.Pool, schema: string): Promise<void> {
  await pool.query(`drop schema if exists "${schema}" cascade`);
}

/** Empties a store's tables between tests, keeping the schema. */
export async function truncate(pool: pg.Pool, schema: string): Promise<void> {
  const tables = ['events', 'streams', 'snapshots', 'checkpoints', 'saga_states', 'dead_letters'];
  await pool.query(`truncate ${tables.map((table) => `"${schema}".${table}`).join(', ')}`);
}
