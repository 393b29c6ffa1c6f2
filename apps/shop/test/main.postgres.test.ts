import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from './support/run-main';
import { ShopClient } from './support/shop-client';
import { dropSchema, TEST_DATABASE_URL, testPool, uniqueSchemaName } from './support/test-database';

const admin = testPool();
const schema = uniqueSchemaName('main');

afterAll(async () => {
  await dropSchema(admin, schema);
  await admin.end();
});

describe('src/main.ts on PostgreSQL', () => {
  it('keeps orders in SHOP_SCHEMA across a restart, and shuts down cleanly on SIGTERM', async () => {
    const env = { ORCHESTRIX_STORE: 'postgres', DATABASE_URL: TEST_DATABASE_URL, SHOP_SCHEMA: schema };
    const first = await runMain(env);
    const { orderId } = await new ShopClient(first.baseUrl).placeOrder('customer-main-pg');
    const firstExit = await first.stop('SIGTERM');

    const second = await runMain(env);
    const order = await new ShopClient(second.baseUrl).get(`/orders/${orderId}`);
    const secondExit = await second.stop('SIGINT');

    expect([firstExit, secondExit]).toEqual([0, 0]);
    expect(first.stdout()).toContain(`(store: PostgreSQL, schema ${schema})`);
    expect(order).toMatchObject({ status: 200, body: { orderId, customerId: 'customer-main-pg' } });
    const events = await admin.query(`select count(*)::int as count from "${schema}".events`);
    expect(events.rows[0]).toEqual({ count: 1 });
  });
});
