import type { EventStore } from '@orchestrix/core';
import { PostgreSQLEventStore } from '@orchestrix/postgres';
import pg from 'pg';
import { runDemo } from './run-demo';

const DEMO_SCHEMA = 'orchestrix_demo';

/**
 * The store the demo runs on: in memory by default; with ORCHESTRIX_STORE=postgres, PostgreSQL at
 * DATABASE_URL (the local server unless given), in schema `orchestrix_demo`, emptied first.
 */
async function chooseStore(): Promise<{ store?: EventStore; storeLabel?: string; close: () => Promise<void> }> {
  if (process.env.ORCHESTRIX_STORE !== 'postgres') return { close: async () => {} };
  const pool = new pg.Pool({
    connectionString: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test',
  });
  pool.on('error', () => undefined);
  await pool.query(`drop schema if exists ${DEMO_SCHEMA} cascade`);
  const store = new PostgreSQLEventStore({ pool, schema: DEMO_SCHEMA });
  await store.initialize();
  return { store, storeLabel: `PostgreSQL (schema ${DEMO_SCHEMA})`, close: () => pool.end() };
}

// The entry of `pnpm demo`: the account goes to stdout; an unexpected failure to stderr, exit code 1.
const { close, ...storeOptions } = await chooseStore();
try {
  await runDemo({ ...storeOptions, write: (line) => process.stdout.write(`${line}\n`) });
} catch (error) {
  process.stderr.write(`The demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await close();
}
