import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The test server: the local PostgreSQL unless ORCHESTRIX_TEST_DATABASE_URL says otherwise. */
export const TEST_DATABASE_URL =
  process.env.ORCHESTRIX_TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** A fresh schema name for one shop of a test file, so nothing is shared and nothing is left behind. */
export function uniqueSchemaName(prefix = 'shop'): string {
  return `orx_${prefix}_${randomBytes(5).toString('hex')}`;
}

/** A small pool for a test file's own statements: dropping schemas, injecting faults. */
export function testPool(max = 2): pg.Pool {
  const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max, connectionTimeoutMillis: 5000 });
  pool.on('error', () => undefined);
  return pool;
}

/** Drops a test schema and everything in it. */
export async function dropSchema(pool: pg.Pool, schema: string): Promise<void> {
  await pool.query(`drop schema if exists "${schema}" cascade`);
}
