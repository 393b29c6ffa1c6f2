// The instrumented PostgreSQLEventStore runs the shared conformance suites of @orchestrix/testing,
// unchanged, with every hook attached.
import { instrumentEventStore } from '@orchestrix/observability';
import { PostgreSQLEventStore, type PostgreSQLEventStoreOptions } from '@orchestrix/postgres';
import { eventStoreContract, RecordingTracer, recordingMetrics, snapshotStoreContract } from '@orchestrix/testing';
import { afterAll, beforeAll } from 'vitest';
import { dropSchema, testPool, truncate, uniqueSchemaName } from './support/test-database';

const pool = testPool(24);
const schema = uniqueSchemaName('instrument');
const upcastingSchema = uniqueSchemaName('instrument_upcast');

beforeAll(async () => {
  await new PostgreSQLEventStore({ pool, schema }).initialize();
  await new PostgreSQLEventStore({ pool, schema: upcastingSchema }).initialize();
});

afterAll(async () => {
  await dropSchema(pool, schema);
  await dropSchema(pool, upcastingSchema);
  await pool.end();
});

async function emptyStore(options: PostgreSQLEventStoreOptions): Promise<PostgreSQLEventStore> {
  const store = instrumentEventStore(new PostgreSQLEventStore(options), {
    metrics: recordingMetrics(),
    tracer: new RecordingTracer(),
    dbSystem: 'postgresql',
  });
  await truncate(pool, store.schema);
  await store.initialize();
  return store;
}

eventStoreContract('instrumented PostgreSQLEventStore', {
  create: () => emptyStore({ pool, schema }),
  createWithUpcasters: (upcasters) => emptyStore({ pool, schema: upcastingSchema, upcasters }),
});
snapshotStoreContract('instrumented PostgreSQLEventStore', { create: () => emptyStore({ pool, schema }) });
