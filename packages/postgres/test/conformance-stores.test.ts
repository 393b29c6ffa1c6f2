// The PostgreSQL checkpoint, saga state and dead-letter stores run the shared conformance suites of
// @orchestrix/testing, unchanged: built from the event store and from options, with a fake clock and with
// the database's clock.
import {
  checkpointStoreContract,
  deadLetterQueueContract,
  FakeClock,
  sagaStateStoreContract,
} from '@orchestrix/testing';
import { afterAll, beforeAll } from 'vitest';
import {
  PostgreSQLEventStore,
  PostgresCheckpointStore,
  PostgresDeadLetterQueue,
  PostgresSagaStateStore,
} from '../src/index';
import { dropSchema, testPool, truncate, uniqueSchemaName } from './support/test-database';

const pool = testPool(24);
const schema = uniqueSchemaName('stores');
const store = new PostgreSQLEventStore({ pool, schema });
// Stores built from options, initialized once: each kysely Migrator run introspects the whole database.
const checkpointClock = new FakeClock();
const sagaClock = new FakeClock();
const checkpointsFromOptions = new PostgresCheckpointStore({ pool, schema });
const sagasFromOptions = new PostgresSagaStateStore({ pool, schema, clock: sagaClock });
const queueFromOptions = new PostgresDeadLetterQueue({ pool, schema, clock: new FakeClock() });

beforeAll(async () => {
  await store.initialize();
  await checkpointsFromOptions.initialize({ migrate: false });
  await sagasFromOptions.initialize({ migrate: false });
  await queueFromOptions.initialize({ migrate: false });
});

afterAll(async () => {
  await Promise.all([checkpointsFromOptions.close(), sagasFromOptions.close(), queueFromOptions.close()]);
  await dropSchema(pool, schema);
  await pool.end();
});

/** Empties the schema's tables and hands `subject` back, empty. */
async function emptied<T>(subject: T): Promise<T> {
  await truncate(pool, schema);
  return subject;
}

checkpointStoreContract(
  'PostgresCheckpointStore from the event store, on a fake clock',
  { create: () => emptied(store.checkpoints({ clock: checkpointClock })) },
  { clock: checkpointClock },
);
checkpointStoreContract('PostgresCheckpointStore from options, on the database clock', {
  create: () => emptied(checkpointsFromOptions),
});

sagaStateStoreContract(
  'PostgresSagaStateStore from options, on a fake clock',
  { create: () => emptied(sagasFromOptions) },
  { clock: sagaClock },
);
sagaStateStoreContract('PostgresSagaStateStore from the event store, on the database clock', {
  create: () => emptied(store.sagaStates()),
});

deadLetterQueueContract('PostgresDeadLetterQueue from the event store', {
  create: () => emptied(store.deadLetters()),
});
deadLetterQueueContract('PostgresDeadLetterQueue from options', {
  create: () => emptied(queueFromOptions),
});
