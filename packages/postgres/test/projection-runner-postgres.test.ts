// A ProjectionRunner over PostgreSQL: read model and checkpoint commit together, so a failed batch leaves
// nothing behind and the replay applies every event once; with LISTEN gone, polling still delivers (SPEC §7).
import {
  defineEvent,
  defineProjection,
  FixedDelay,
  ProjectionRunner,
  payload,
  type StoredEvent,
} from '@orchestrix/core';
import { sql, type Transaction } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PostgreSQLEventStore } from '../src/index';
import { terminateListeners, waitForListener } from './support/listen-backend';
import { dropSchema, TEST_DATABASE_URL, testPool, truncate, uniqueSchemaName } from './support/test-database';

const ItemAdded = defineEvent('ItemAdded', payload<{ sku: string }>());

const NO_RETRY = { maxRetries: 0, delayBeforeRetry: () => undefined };

const admin = testPool(3);
const schema = uniqueSchemaName('runner');
let store: PostgreSQLEventStore;
let writer: PostgreSQLEventStore;
const runners: ProjectionRunner[] = [];

/** A projection that inserts one read-model row per event inside the runner's transaction. */
function itemsView(shouldFail: (event: StoredEvent) => boolean) {
  return defineProjection({
    name: 'items_view',
    batchSize: 10,
    retry: NO_RETRY,
    handlers: {
      ItemAdded: async (event, context) => {
        const transaction = context.transaction as Transaction<unknown>;
        await sql`insert into ${sql.id(schema, 'items_view')} (event_id, sku) values (${event.id}, ${String(
          (event.data as { sku: string }).sku,
        )})`.execute(transaction);
        if (shouldFail(event)) throw new Error('poison');
      },
    },
  });
}

function newRunner(shouldFail: (event: StoredEvent) => boolean, pollIntervalMs = 5000): ProjectionRunner {
  const runner = new ProjectionRunner({
    source: store,
    checkpoints: store.checkpoints(),
    projections: [itemsView(shouldFail)],
    pollIntervalMs,
  });
  runners.push(runner);
  return runner;
}

async function readModelRows(): Promise<number> {
  const result = await admin.query<{ count: string }>(`select count(*) from "${schema}".items_view`);
  return Number(result.rows[0]?.count);
}

async function addItems(count: number, prefix: string): Promise<bigint> {
  const events = Array.from({ length: count }, (_, index) => ItemAdded({ sku: `${prefix}-${index}` }));
  return (await writer.save(`cart-${prefix}`, events)).lastPosition;
}

beforeAll(async () => {
  store = new PostgreSQLEventStore({ connectionString: TEST_DATABASE_URL, schema, poolMax: 4 });
  writer = new PostgreSQLEventStore({ connectionString: TEST_DATABASE_URL, schema, poolMax: 2 });
  await store.initialize();
  await writer.initialize();
  await admin.query(`create table "${schema}".items_view (event_id text primary key, sku text not null)`);
});

afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.stop()));
  await truncate(admin, schema);
  await admin.query(`truncate "${schema}".items_view`);
});

afterAll(async () => {
  await Promise.all([store.close(), writer.close()]);
  await dropSchema(admin, schema);
  await admin.end();
});

describe('ProjectionRunner on PostgreSQLEventStore', () => {
  it('stops exactly at the failing event of a rolled-back batch and applies every event once after the fix', async () => {
    await addItems(7, 'a');
    const failing = newRunner((event) => (event.data as { sku: string }).sku === 'a-4');

    await failing.runUntilCaughtUp();

    // The batch rolled back as a whole; a second transaction applied a-0..a-3 and the projection stops at a-4.
    const beforePoison = (await store.readAll()).find((event) => (event.data as { sku: string }).sku === 'a-3');
    expect(await readModelRows()).toBe(4);
    expect(await failing.health('items_view')).toMatchObject({ healthy: false, position: beforePoison?.position });
    expect(await store.checkpoints().load('items_view')).toBe(beforePoison?.position);

    const fixed = newRunner(() => false);
    await fixed.runUntilCaughtUp();
    await fixed.runUntilCaughtUp();

    expect(await readModelRows()).toBe(7);
    expect(await fixed.lag('items_view')).toBe(0);
  });

  it('wakes through LISTEN/NOTIFY long before its poll interval', async () => {
    const runner = newRunner(() => false, 10_000);
    await runner.start();
    await waitForListener(admin, schema);

    const lastPosition = await addItems(3, 'b');

    await runner.waitFor(lastPosition, { timeoutMs: 2000 });
    expect(await readModelRows()).toBe(3);
  });

  it('still delivers within its poll interval when the LISTEN connection is killed', async () => {
    const runner = newRunner(() => false, 200);
    await runner.start();
    await waitForListener(admin, schema);
    expect(await terminateListeners(admin, schema)).toBe(1);

    const lastPosition = await addItems(3, 'c');

    await runner.waitFor(lastPosition, { timeoutMs: 1000 });
    expect(await readModelRows()).toBe(3);
  });

  it('retries a failed batch in a new transaction, since a failed statement aborts the one it ran in', async () => {
    const lastPosition = await addItems(5, 'r');
    let failures = 0;
    const retried = defineProjection({
      name: 'items_view',
      batchSize: 10,
      retry: new FixedDelay({ maxRetries: 2, delayMs: 10 }),
      handlers: {
        ItemAdded: async (event, context) => {
          const transaction = context.transaction as Transaction<unknown>;
          const sku = String((event.data as { sku: string }).sku);
          await sql`insert into ${sql.id(schema, 'items_view')} (event_id, sku) values (${event.id}, ${sku})`.execute(
            transaction,
          );
          if (sku === 'r-3' && failures === 0) {
            failures += 1;
            // A failing statement: the transaction is aborted from here on.
            await sql`insert into ${sql.id(schema, 'items_view')} (event_id, sku) values (${event.id}, ${sku})`.execute(
              transaction,
            );
          }
        },
      },
    });
    const runner = new ProjectionRunner({ source: store, checkpoints: store.checkpoints(), projections: [retried] });
    runners.push(runner);

    await runner.runUntilCaughtUp();

    expect(failures).toBe(1);
    expect(await readModelRows()).toBe(5);
    expect(await runner.health('items_view')).toMatchObject({ healthy: true, position: lastPosition });
  });

  it('dead-letters a poison event of a transactional batch and applies the others once', async () => {
    const lastPosition = await addItems(6, 'd');
    const deadLetterQueue = store.deadLetters();
    const poisoned = defineProjection({
      name: 'items_view',
      batchSize: 10,
      deadLetter: true,
      retry: new FixedDelay({ maxRetries: 1, delayMs: 10 }),
      handlers: {
        ItemAdded: async (event, context) => {
          const transaction = context.transaction as Transaction<unknown>;
          const sku = String((event.data as { sku: string }).sku);
          // d-2 breaks a constraint, as a bad event would.
          const id = sku === 'd-2' ? null : event.id;
          await sql`insert into ${sql.id(schema, 'items_view')} (event_id, sku) values (${id}, ${sku})`.execute(
            transaction,
          );
        },
      },
    });
    const runner = new ProjectionRunner({
      source: store,
      checkpoints: store.checkpoints(),
      projections: [poisoned],
      deadLetterQueue,
    });
    runners.push(runner);

    await runner.runUntilCaughtUp();

    expect(await readModelRows()).toBe(5);
    const letters = await deadLetterQueue.list();
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ handlerName: 'items_view', attempts: 2, error: { name: 'error' } });
    expect(letters[0]?.message.data).toMatchObject({ sku: 'd-2' });
    expect(await runner.health('items_view')).toMatchObject({ healthy: true, position: lastPosition });
  });

  it('sends the read model statements of a batch as prepared statements, planned once per connection', async () => {
    await addItems(3, 'p');
    const prepared: string[][] = [];
    const projection = defineProjection({
      name: 'items_view',
      batchSize: 1,
      handlers: {
        ItemAdded: async (event, context) => {
          const transaction = context.transaction as Transaction<unknown>;
          await sql`insert into ${sql.id(schema, 'items_view')} (event_id, sku) values (${event.id}, 'p')`.execute(
            transaction,
          );
          const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements
            where name like 'orx_q_%' and statement like 'insert into%items_view%'`.execute(transaction);
          prepared.push(rows.map((row) => row.statement));
        },
      },
    });
    const runner = new ProjectionRunner({ source: store, checkpoints: store.checkpoints(), projections: [projection] });
    runners.push(runner);

    await runner.runUntilCaughtUp();

    expect(await readModelRows()).toBe(3);
    // The insert is prepared on its connection once and reused by the following batches.
    const ours = (statements: readonly string[] | undefined): string[] =>
      (statements ?? []).filter((statement) => statement.endsWith("values ($1, 'p')"));
    expect(ours(prepared.at(-1))).toHaveLength(1);
  });

  it('backs off, without stopping, when a handler meets a serialization failure, and resumes', async () => {
    const lastPosition = await addItems(3, 's');
    let conflicts = 1;
    const projection = defineProjection({
      name: 'items_view',
      batchSize: 10,
      handlers: {
        ItemAdded: async (event, context) => {
          const transaction = context.transaction as Transaction<unknown>;
          if (conflicts > 0) {
            conflicts -= 1;
            await sql`do $$ begin raise exception 'could not serialize' using errcode = '40001'; end $$`.execute(
              transaction,
            );
          }
          await sql`insert into ${sql.id(schema, 'items_view')} (event_id, sku) values (${event.id}, 's')`.execute(
            transaction,
          );
        },
      },
    });
    const runner = new ProjectionRunner({
      source: store,
      checkpoints: store.checkpoints(),
      projections: [projection],
      pollIntervalMs: 20,
    });
    runners.push(runner);
    await runner.start();

    await runner.waitFor(lastPosition, { timeoutMs: 5000 });

    expect(conflicts).toBe(0);
    expect(await readModelRows()).toBe(3);
    expect(await runner.health('items_view')).toMatchObject({ healthy: true, position: lastPosition });
  });

  it('delivers by polling alone, within its poll interval, from a source that offers no wake-ups', async () => {
    const pollingOnly = new Proxy(store, {
      get: (target, key) => {
        if (key === 'onAppend') return undefined;
        const value = Reflect.get(target, key, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const runner = new ProjectionRunner({
      source: pollingOnly,
      checkpoints: store.checkpoints(),
      projections: [itemsView(() => false)],
      pollIntervalMs: 200,
    });
    runners.push(runner);
    await runner.start();

    const lastPosition = await addItems(3, 'q');
    await runner.waitFor(lastPosition, { timeoutMs: 2000 });

    expect(await readModelRows()).toBe(3);
  });

  it('rebuilds with the reset and the checkpoint in one transaction: a failing reset changes neither', async () => {
    const lastPosition = await addItems(4, 'b');
    let failReset = true;
    const rebuilt = defineProjection({
      ...itemsView(() => false),
      reset: async (context) => {
        const transaction = context.transaction as Transaction<unknown>;
        await sql`delete from ${sql.id(schema, 'items_view')}`.execute(transaction);
        if (failReset) throw new Error('reset failed half-way');
      },
    });
    const runner = new ProjectionRunner({ source: store, checkpoints: store.checkpoints(), projections: [rebuilt] });
    runners.push(runner);
    await runner.runUntilCaughtUp();

    await expect(runner.rebuild('items_view')).rejects.toThrow('reset failed half-way');
    expect(await readModelRows()).toBe(4);
    expect(await store.checkpoints().load('items_view')).toBe(lastPosition);

    failReset = false;
    await runner.rebuild('items_view');
    expect(await readModelRows()).toBe(4);
    expect(await runner.health('items_view')).toMatchObject({ healthy: true, position: lastPosition });
  });
});
