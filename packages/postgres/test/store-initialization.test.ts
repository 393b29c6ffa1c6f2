// The checkpoint, saga state and dead-letter stores refuse work until their schema is initialized, and a
// schema without migration 0002 is refused by initialize({ migrate: false }), naming the command that fixes it.
import { StoreUnavailableError } from '@orchestrix/core';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PostgreSQLEventStore,
  PostgresCheckpointStore,
  PostgresDeadLetterQueue,
  PostgresSagaStateStore,
} from '../src/index';
import { migrationProvider } from '../src/migrations/index';
import { dropSchema, TEST_DATABASE_URL, testPool, uniqueSchemaName } from './support/test-database';

const pool = testPool(4);
const currentSchema = uniqueSchemaName('init');
const outdatedSchema = uniqueSchemaName('init_0001');
const upgradedSchema = uniqueSchemaName('init_upgrade');

/** Creates `schema` with only migration 0001, as a release before the checkpoint tables left it. */
async function migrateToFirstRelease(schema: string): Promise<void> {
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  await sql`create schema ${sql.id(schema)}`.execute(db);
  const migrator = new Migrator({ db, provider: migrationProvider(schema), migrationTableSchema: schema });
  const { error } = await migrator.migrateTo('0001-create-event-store');
  if (error !== undefined) throw error;
}

async function caught(operation: () => Promise<unknown>): Promise<unknown> {
  try {
    await operation();
  } catch (error) {
    return error;
  }
  throw new Error('expected the operation to throw');
}

beforeAll(async () => {
  await new PostgreSQLEventStore({ pool, schema: currentSchema }).initialize();
  await migrateToFirstRelease(outdatedSchema);
  await migrateToFirstRelease(upgradedSchema);
});

afterAll(async () => {
  await dropSchema(pool, currentSchema);
  await dropSchema(pool, outdatedSchema);
  await dropSchema(pool, upgradedSchema);
  await pool.end();
});

describe('initialize({ migrate: false }) on a schema without migration 0002', () => {
  it.each([
    ['PostgreSQLEventStore', () => new PostgreSQLEventStore({ pool, schema: outdatedSchema })],
    ['PostgresCheckpointStore', () => new PostgresCheckpointStore({ pool, schema: outdatedSchema })],
    ['PostgresSagaStateStore', () => new PostgresSagaStateStore({ pool, schema: outdatedSchema })],
    ['PostgresDeadLetterQueue', () => new PostgresDeadLetterQueue({ pool, schema: outdatedSchema })],
  ])('%s throws StoreUnavailableError naming the migrate command', async (_name, create) => {
    const error = await caught(() => create().initialize({ migrate: false }));

    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as StoreUnavailableError).message).toContain(
      `orchestrix-postgres migrate --schema ${outdatedSchema}`,
    );
  });
});

describe('stores used before initialize()', () => {
  it.each([
    ['PostgresCheckpointStore', () => new PostgresCheckpointStore({ pool, schema: currentSchema }).load('orders-view')],
    ['PostgresSagaStateStore', () => new PostgresSagaStateStore({ pool, schema: currentSchema }).load('saga-1')],
    ['PostgresDeadLetterQueue', () => new PostgresDeadLetterQueue({ pool, schema: currentSchema }).count()],
  ])('%s throws StoreUnavailableError', async (_name, use) => {
    expect(await caught(use)).toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });

  it("refuses a store from the event store until the event store's initialize()", async () => {
    const store = new PostgreSQLEventStore({ pool, schema: currentSchema });
    const checkpoints = store.checkpoints();

    const before = await caught(() => checkpoints.load('orders-view'));
    await store.initialize({ migrate: false });

    expect(before).toBeInstanceOf(StoreUnavailableError);
    expect(await checkpoints.load('orders-view')).toBe(0n);
  });

  it('serves a store from options once its own initialize({ migrate: false }) verified the schema', async () => {
    const queue = new PostgresDeadLetterQueue({ pool, schema: currentSchema });

    await queue.initialize({ migrate: false });

    expect(await queue.count()).toBe(0);
  });
});

describe('initialize() of a store from options', () => {
  it('migrates a schema left at migration 0001 to the latest', async () => {
    const sagas = new PostgresSagaStateStore({ pool, schema: upgradedSchema });

    await sagas.initialize();

    expect(await sagas.list()).toEqual([]);
    await expect(
      new PostgreSQLEventStore({ pool, schema: upgradedSchema }).initialize({ migrate: false }),
    ).resolves.toBeUndefined();
  });
});

describe('a store built from a connection string', () => {
  it('opens its own pool, and close() ends it', async () => {
    const checkpoints = new PostgresCheckpointStore({ connectionString: TEST_DATABASE_URL, schema: currentSchema });
    await checkpoints.initialize({ migrate: false });
    await checkpoints.store('pool-owner-view', 3n, 0n);

    await checkpoints.close();

    expect(await caught(() => checkpoints.load('pool-owner-view'))).toBeInstanceOf(StoreUnavailableError);
    const stored = await pool.query(
      `select position::text from "${currentSchema}".checkpoints where name = 'pool-owner-view'`,
    );
    expect(stored.rows).toEqual([{ position: '3' }]);
  });
});
