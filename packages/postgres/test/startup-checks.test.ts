// initialize() refuses a schema whose stored transaction ids are ahead of the cluster's (a logical dump
// restored into a new cluster), and warns when PostgreSQL may lose acknowledged commits.
import { defineEvent, getLogger, payload, StoreUnavailableError } from '@orchestrix/core';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgreSQLEventStore } from '../src/index';
import { dropSchema, TEST_DATABASE_URL, testPool, uniqueSchemaName } from './support/test-database';

const ItemAdded = defineEvent('ItemAdded', payload<{ sku: string }>());
const pool = testPool(4);
const schemas: string[] = [];

function newSchema(): string {
  const schema = uniqueSchemaName('startup');
  schemas.push(schema);
  return schema;
}

afterAll(async () => {
  for (const schema of schemas) await dropSchema(pool, schema);
  await pool.end();
});

describe('PostgreSQLEventStore.initialize', () => {
  it('refuses stored events from transaction ids ahead of the cluster, as after a restore into a new cluster', async () => {
    const schema = newSchema();
    const store = new PostgreSQLEventStore({ pool, schema });
    await store.initialize();
    await store.save('order-1', [ItemAdded({ sku: 'sku-1' })]);
    // What a dump restored into a younger cluster looks like: stored ids above the cluster's counter.
    await pool.query(
      `update "${schema}".events set transaction_id = (pg_current_xact_id()::text::bigint + 1000000)::text::xid8`,
    );

    const restarted = new PostgreSQLEventStore({ pool, schema });
    const error = await restarted.initialize().then(
      () => undefined,
      (reason: unknown) => reason,
    );

    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE', retryable: false });
    await expect(restarted.load('order-1')).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('starts on a schema whose stored transaction ids are behind the cluster', async () => {
    const schema = newSchema();
    const store = new PostgreSQLEventStore({ pool, schema });
    await store.initialize();
    await store.save('order-1', [ItemAdded({ sku: 'sku-1' })]);

    const restarted = new PostgreSQLEventStore({ pool, schema });
    await restarted.initialize();

    expect(await restarted.streamVersion('order-1')).toBe(1);
  });

  it('warns through its logger when synchronous_commit is off, and not when it is on', async () => {
    const schema = newSchema();
    const unsafePool = new pg.Pool({
      connectionString: TEST_DATABASE_URL,
      max: 2,
      options: '-c synchronous_commit=off',
    });
    const lines: string[] = [];
    const logger = getLogger('startup-test', { level: 'warn', write: (line) => lines.push(line) });

    try {
      await new PostgreSQLEventStore({ pool: unsafePool, schema, logger }).initialize();
      const unsafeWarnings = lines.length;
      await new PostgreSQLEventStore({ pool, schema, logger }).initialize();

      expect(unsafeWarnings).toBe(1);
      expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ level: 'warn', setting: 'synchronous_commit' });
      expect(lines).toHaveLength(1);
    } finally {
      await unsafePool.end();
    }
  });
});
