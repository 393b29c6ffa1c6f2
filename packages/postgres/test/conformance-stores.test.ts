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

beforeAll(async () => {
  await store.initialize();
});

afterAll(async () => {
  await dropSchema(pool, schema);
  await pool.end();
});

/** Empties the schema's tables, then initializes `subject` (a no-op for one sharing the store's). */
async function emptied<T extends { initialize(): Promise<void> }>(subject: T): Promise<T> {
  await truncate(pool, schema);
  await subject.initialize();
  return subject;
}

const checkpointClock = new FakeClock();
checkpointStoreContract(
  'PostgresCheckpointStore from the event store, on a fake clock',
  { create: () => emptied(store.checkpoints({ clock: checkpointClock })) },
  { clock: checkpointClock },
);
checkpointStoreContract('PostgresCheckpointStore from options, on the database clock', {
  create: () => emptied(new PostgresCheckpointStore({ pool, schema })),
  dispose: (checkpoints) => checkpoints.close(),
});

const sagaClock = new FakeClock();
sagaStateStoreContract(
  'PostgresSagaStateStore from options, on a fake clock',
  {
    create: () => emptied(new PostgresSagaStateStore({ pool, schema, clock: sagaClock })),
    dispose: (sagas) => sagas.close(),
  },
  { clock: sagaClock },
);
sagaStateStoreContract('PostgresSagaStateStore from the event store, on the database clock', {
  create: () => emptied(store.sagaStates()),
});

deadLetterQueueContract('PostgresDeadLetterQueue from the event store', {
  create: () => emptied(store.deadLetters()),
});
deadLetterQueueContract('PostgresDeadLetterQueue from options', {
  create: () => emptied(new PostgresDeadLetterQueue({ pool, schema, clock: new FakeClock() })),
  dispose: (queue) => queue.close(),
});
