// The PostgreSQL adapters run the shared conformance suites of @orchestrix/testing, unchanged.
import { eventStoreContract, eventStoreModelTest, snapshotStoreContract } from '@orchestrix/testing';
import { afterAll, beforeAll } from 'vitest';
import { PostgreSQLEventStore } from '../src/index';
import { dropSchema, testPool, truncate, uniqueSchemaName } from './support/test-database';

const pool = testPool(24);
const schema = uniqueSchemaName('contract');
const upcastingSchema = uniqueSchemaName('upcast');

beforeAll(async () => {
  await new PostgreSQLEventStore({ pool, schema }).initialize();
  await new PostgreSQLEventStore({ pool, schema: upcastingSchema }).initialize();
});

afterAll(async () => {
  await dropSchema(pool, schema);
  await dropSchema(pool, upcastingSchema);
  await pool.end();
});

async function emptyStore(
  options: ConstructorParameters<typeof PostgreSQLEventStore>[0],
): Promise<PostgreSQLEventStore> {
  const store = new PostgreSQLEventStore(options);
  await truncate(pool, store.schema);
  await store.initialize();
  return store;
}

eventStoreContract('PostgreSQLEventStore', {
  create: () => emptyStore({ pool, schema }),
  createWithUpcasters: (upcasters) => emptyStore({ pool, schema: upcastingSchema, upcasters }),
});
snapshotStoreContract('PostgreSQLEventStore', { create: () => emptyStore({ pool, schema }) });
eventStoreModelTest('PostgreSQLEventStore', { create: () => emptyStore({ pool, schema }) }, { runs: 25 });
