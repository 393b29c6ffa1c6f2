// The crash, resume, concurrency and recovery suites against PostgresSagaStateStore, on the local server
// (ORCHESTRIX_TEST_DATABASE_URL to use another), in a schema of this file's own that is dropped afterwards.
import { randomBytes } from 'node:crypto';
import { PostgreSQLEventStore } from '@orchestrix/postgres';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { describeSagaRecovery } from './support/recovery-suite';
import { describeSagaResume } from './support/resume-suite';
import type { SagaStoreHarness } from './support/saga-store-harness';

const connectionString = process.env.ORCHESTRIX_TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const schema = `orx_saga_${randomBytes(5).toString('hex')}`;
const pool = new pg.Pool({ connectionString, max: 10, connectionTimeoutMillis: 5000 });
const store = new PostgreSQLEventStore({ pool, schema });

beforeAll(async () => {
  await store.initialize();
});

afterAll(async () => {
  await pool.query(`drop schema if exists "${schema}" cascade`);
  await pool.end();
});

const harness: SagaStoreHarness = {
  create: async (clock) => {
    await pool.query(`truncate "${schema}".saga_states`);
    return store.sagaStates({ clock });
  },
};

describeSagaResume('PostgresSagaStateStore', harness);
describeSagaRecovery('PostgresSagaStateStore', harness);
