// PostgresCheckpointStore beyond the shared suite: withTransaction (a read model's writes and its checkpoint
// commit or roll back together) and how fencing tokens survive the rows a lease and a position share.
import { ConcurrencyError } from '@orchestrix/core';
import { FakeClock } from '@orchestrix/testing';
import { sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PostgreSQLEventStore, type PostgresCheckpointStore } from '../src/index';
import { dropSchema, testPool, truncate, uniqueSchemaName } from './support/test-database';

interface ReadModel {
  order_summaries: { order_id: string; total: number };
}

const pool = testPool(8);
const schema = uniqueSchemaName('checkpoint_tx');
const store = new PostgreSQLEventStore({ pool, schema });
const clock = new FakeClock();
const checkpoints: PostgresCheckpointStore = store.checkpoints({ clock });

beforeAll(async () => {
  await store.initialize();
  await pool.query(`create table "${schema}".order_summaries (order_id text primary key, total integer not null)`);
});

beforeEach(async () => {
  await truncate(pool, schema);
  await pool.query(`truncate "${schema}".order_summaries`);
});

afterAll(async () => {
  await dropSchema(pool, schema);
  await pool.end();
});

function summarize(orderId: string, total: number) {
  return async (transaction: Transaction<ReadModel>): Promise<string> => {
    await transaction.withSchema(schema).insertInto('order_summaries').values({ order_id: orderId, total }).execute();
    return orderId;
  };
}

async function summaryIds(): Promise<string[]> {
  const result = await pool.query<{ order_id: string }>(
    `select order_id from "${schema}".order_summaries order by order_id`,
  );
  return result.rows.map((row) => row.order_id);
}

describe('PostgresCheckpointStore.withTransaction', () => {
  it("commits the work's writes and the checkpoint together, returning the work's result", async () => {
    const result = await checkpoints.withTransaction('orders-view', 0n, 7n, summarize('order-1', 99));

    expect(result).toBe('order-1');
    expect(await summaryIds()).toEqual(['order-1']);
    expect(await checkpoints.load('orders-view')).toBe(7n);
  });

  it('moves a stored checkpoint on from the expected position', async () => {
    await checkpoints.store('orders-view', 5n, 0n);

    await checkpoints.withTransaction('orders-view', 5n, 2n ** 62n, summarize('order-1', 99));

    expect(await checkpoints.load('orders-view')).toBe(2n ** 62n);
  });

  it("rolls the work's writes back and throws ConcurrencyError when the checkpoint moved", async () => {
    await checkpoints.store('orders-view', 5n, 0n);

    const outcome = checkpoints.withTransaction('orders-view', 3n, 9n, summarize('order-1', 99));

    await expect(outcome).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(outcome).rejects.toMatchObject({ streamId: 'orders-view', expectedVersion: 3n, actualVersion: 5n });
    expect(await summaryIds()).toEqual([]);
    expect(await checkpoints.load('orders-view')).toBe(5n);
  });

  it('leaves the checkpoint where it was when the work throws', async () => {
    const failure = new Error('read model refused');

    const outcome = checkpoints.withTransaction('orders-view', 0n, 9n, async (transaction: Transaction<ReadModel>) => {
      await summarize('order-1', 99)(transaction);
      throw failure;
    });

    await expect(outcome).rejects.toBe(failure);
    expect(await summaryIds()).toEqual([]);
    expect(await checkpoints.load('orders-view')).toBe(0n);
  });

  it('lets exactly one of two concurrent batches with the same expected position commit', async () => {
    await checkpoints.store('orders-view', 5n, 0n);

    const results = await Promise.allSettled([
      checkpoints.withTransaction('orders-view', 5n, 8n, summarize('order-a', 1)),
      checkpoints.withTransaction('orders-view', 5n, 9n, summarize('order-b', 2)),
    ]);

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((result) => result.status === 'rejected')?.reason).toBeInstanceOf(ConcurrencyError);
    expect(await summaryIds()).toHaveLength(1);
  });

  it("hands the work a transaction without the store's schema, so unqualified tables are the caller's", async () => {
    const seen = await checkpoints.withTransaction('orders-view', 0n, 1n, async (transaction) => {
      const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(transaction);
      return result.rows[0]?.schema;
    });

    expect(seen).toBe('public');
  });
});

describe('PostgresCheckpointStore leases', () => {
  it('gives the same owner a higher fencing token when it takes the lease again after releasing it', async () => {
    const first = await checkpoints.acquireLease('orders-view', 'runner-a', 30_000);

    await checkpoints.releaseLease('orders-view', 'runner-a');
    const second = await checkpoints.acquireLease('orders-view', 'runner-a', 30_000);

    expect(second?.fencingToken).toBeGreaterThan(first?.fencingToken ?? Number.POSITIVE_INFINITY);
  });

  it('gives the same owner a higher fencing token when its lease had expired', async () => {
    const first = await checkpoints.acquireLease('orders-view', 'runner-a', 30_000);

    await clock.advance(30_000);
    const second = await checkpoints.acquireLease('orders-view', 'runner-a', 30_000);

    expect(second?.fencingToken).toBeGreaterThan(first?.fencingToken ?? Number.POSITIVE_INFINITY);
  });

  it('keeps the position when a lease is taken and released, and the lease when the position moves', async () => {
    await checkpoints.store('orders-view', 5n, 0n);
    const lease = await checkpoints.acquireLease('orders-view', 'runner-a', 30_000);

    await checkpoints.store('orders-view', 9n, 5n);
    await checkpoints.releaseLease('orders-view', 'runner-a');

    expect(lease?.owner).toBe('runner-a');
    expect(await checkpoints.load('orders-view')).toBe(9n);
  });

  it('accepts a first store with expected 0n on a name a lease alone created', async () => {
    await checkpoints.acquireLease('orders-view', 'runner-a', 30_000);

    await checkpoints.store('orders-view', 4n, 0n);

    expect(await checkpoints.load('orders-view')).toBe(4n);
  });
});
