// A projection that fails on PostgreSQL: its rows and checkpoint roll back together, the shop says so
// (202 on writes, 503 on /health and on ?after reads), and once the fault is fixed a restart resumes it.
import { afterAll, describe, expect, it } from 'vitest';
import { type ShopReply, startShop } from './support/shop-client';
import { dropSchema, TEST_DATABASE_URL, testPool, uniqueSchemaName } from './support/test-database';

const admin = testPool();
const schema = uniqueSchemaName('fault');
const options = { store: 'postgres', databaseUrl: TEST_DATABASE_URL, schema, readModelTimeoutMs: 500 } as const;

afterAll(async () => {
  await dropSchema(admin, schema);
  await admin.end();
});

/** Asks `read` again until `isDone` holds, for at most `timeoutMs`; returns the last reply. */
async function until(read: () => Promise<ShopReply>, isDone: (reply: ShopReply) => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reply = await read();
    if (isDone(reply) || Date.now() > deadline) return reply;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the shop on PostgreSQL with a failing projection', () => {
  it('reports it, keeps the write, and serves the order once restarted after the fix', async () => {
    const first = await startShop(options);
    let orderId: string;
    let position: string;
    try {
      // A constraint no row can meet: every insert into orders now fails, inside the runner's transaction.
      await admin.query(`alter table "${schema}".orders add constraint refuse_rows check (false) not valid`);

      const placed = await first.client.post('/orders', {
        customerId: 'customer-fault',
        items: [{ productId: 'keyboard-k2', quantity: 1, unitPrice: 29.99 }],
      });
      orderId = String(placed.body.orderId);
      position = String(placed.body.position);
      const health = await until(
        () => first.client.get('/health'),
        (reply) => reply.status === 503,
      );
      const read = await first.client.get(`/orders/${orderId}?after=${position}`);

      expect(placed).toMatchObject({ status: 202, body: { status: 'PENDING', projected: false } });
      expect(health).toMatchObject({
        status: 503,
        body: {
          status: 'unavailable',
          store: { kind: 'postgres', reachable: true },
          projections: [
            { name: 'orders_by_id', healthy: false, lag: 1, error: expect.stringContaining('refuse_rows') },
            { name: 'orders_by_customer', healthy: true, lag: 0 },
          ],
        },
      });
      expect(read).toMatchObject({ status: 503, body: { code: 'READ_MODEL_BEHIND', position } });
      const rows = await admin.query(`select count(*)::int as count from "${schema}".orders`);
      expect(rows.rows[0]).toEqual({ count: 0 });
    } finally {
      await first.close();
    }
    await admin.query(`alter table "${schema}".orders drop constraint refuse_rows`);

    const second = await startShop(options);
    try {
      const resumed = await second.client.get(`/orders/${orderId}?after=${position}`);
      const health = await second.client.get('/health');

      expect(resumed).toMatchObject({ status: 200, body: { orderId, status: 'PENDING', totalAmount: 29.99 } });
      expect(health).toMatchObject({ status: 200, body: { status: 'ok' } });
    } finally {
      await second.close();
    }
  });
});
