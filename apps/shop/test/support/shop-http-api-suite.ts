import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildAppOptions } from '../../src/build-app';
import type { RunningShop, ShopClient, ShopReply } from './shop-client';

/** How a test file starts shops on its store; each call may use a fresh schema, dropped by the file. */
export interface ShopHarness {
  readonly storeKind: 'memory' | 'postgres';
  start(options?: BuildAppOptions): Promise<RunningShop>;
}

const KEYBOARDS = { productId: 'keyboard-k2', quantity: 2, unitPrice: 29.99 };

/** Counts replies by `status code`, e.g. `{ '200 PAID': 1, '409 CONCURRENCY': 9 }`. */
function outcomesOf(replies: readonly ShopReply[]): Record<string, number> {
  const outcomes: Record<string, number> = {};
  for (const reply of replies) {
    const key = `${reply.status} ${String(reply.body.code ?? reply.body.status)}`;
    outcomes[key] = (outcomes[key] ?? 0) + 1;
  }
  return outcomes;
}

/**
 * The shop's HTTP API, over real HTTP, on one store: the same tests for memory and PostgreSQL.
 *
 * @example describeShopHttpApi({ storeKind: 'memory', start: (options) => startShop(options) });
 */
export function describeShopHttpApi(harness: ShopHarness): void {
  describe(`the shop's HTTP API on ${harness.storeKind}`, () => {
    let shop: RunningShop;
    let client: ShopClient;

    beforeAll(async () => {
      shop = await harness.start();
      client = shop.client;
    });

    afterAll(async () => {
      await shop.close();
    });

    it('places, pays and ships an order, each step readable at once', async () => {
      const placed = await client.post('/orders', { customerId: 'customer-happy', items: [KEYBOARDS] });
      const orderId = String(placed.body.orderId);
      expect(placed.status).toBe(201);
      expect(placed.headers.get('location')).toBe(`/orders/${orderId}`);
      expect(placed.body).toMatchObject({ status: 'PENDING', version: 1, projected: true });
      expect(placed.body.position).toMatch(/^\d+$/);
      const read = await client.get(`/orders/${orderId}`);
      expect(read).toMatchObject({
        status: 200,
        body: { orderId, customerId: 'customer-happy', status: 'PENDING', items: [KEYBOARDS], totalAmount: 59.98 },
      });
      expect(JSON.stringify(read.body.items)).toBe(JSON.stringify([KEYBOARDS]));

      const paid = await client.post(`/orders/${orderId}/pay`, { amount: 59.98 });

      expect(paid).toMatchObject({ status: 200, body: { orderId, status: 'PAID', version: 2 } });
      expect(BigInt(String(paid.body.position))).toBeGreaterThan(BigInt(String(placed.body.position)));
      expect((await client.get(`/orders/${orderId}`)).body).toMatchObject({ status: 'PAID', version: 2 });

      const shipped = await client.post(`/orders/${orderId}/ship`);

      expect(shipped).toMatchObject({ status: 200, body: { status: 'SHIPPED', version: 3 } });
      expect((await client.get(`/orders/${orderId}`)).body).toMatchObject({ status: 'SHIPPED', version: 3 });
      expect((await client.get('/customers/customer-happy/orders')).body).toEqual({
        customerId: 'customer-happy',
        orders: [{ orderId, status: 'SHIPPED', totalAmount: 59.98, version: 3, placedAt: expect.any(String) }],
      });
    });

    it('cancels a pending order and a paid one, keeping the reason', async () => {
      const pending = await client.placeOrder('customer-cancel');
      const paid = await client.placeOrder('customer-cancel');
      await client.post(`/orders/${paid.orderId}/pay`, { amount: 59.98 });

      const first = await client.post(`/orders/${pending.orderId}/cancel`, { reason: 'found it cheaper' });
      const second = await client.post(`/orders/${paid.orderId}/cancel`);

      expect(first).toMatchObject({ status: 200, body: { status: 'CANCELLED', version: 2 } });
      expect(second).toMatchObject({ status: 200, body: { status: 'CANCELLED', version: 3 } });
      expect((await client.get(`/orders/${pending.orderId}`)).body).toMatchObject({
        status: 'CANCELLED',
        cancellationReason: 'found it cheaper',
      });
      const listed = await client.get('/customers/customer-cancel/orders');
      expect((listed.body.orders as { status: string }[]).map((order) => order.status)).toEqual([
        'CANCELLED',
        'CANCELLED',
      ]);
    });

    it.each([
      ['an empty customer', { customerId: '', items: [KEYBOARDS] }, 'customerId'],
      ['a quantity of 0', { customerId: 'customer-bad', items: [{ ...KEYBOARDS, quantity: 0 }] }, 'items.0.quantity'],
      ['missing items', { customerId: 'customer-bad' }, 'items'],
      ['a JSON array', [KEYBOARDS], 'body'],
    ])('answers 400 naming the field for %s', async (_case, json, field) => {
      const reply = await client.post('/orders', json);

      expect(reply).toMatchObject({ status: 400, body: { code: 'VALIDATION', field } });
      expect(reply.body.message).toEqual(expect.any(String));
    });

    it.each([
      ['a body that is not JSON', { text: '{"customerId": "c-1", items: [', contentType: 'application/json' }],
      ['plain text', { text: 'two keyboards please', contentType: 'text/plain' }],
      ['no body at all', {}],
    ])('answers 400 naming the body for %s', async (_case, options) => {
      const reply = await client.send('POST', '/orders', options);

      expect(reply).toMatchObject({ status: 400, body: { code: 'VALIDATION', field: 'body' } });
    });

    it('answers 415 for a body of a media type the shop does not read', async () => {
      const reply = await client.send('POST', '/orders', {
        text: 'customerId=c-1',
        contentType: 'application/x-www-form-urlencoded',
      });

      expect(reply).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE', field: 'content-type' } });
    });

    it('answers 400 for a payment that is not the total, or not a number, and keeps the order', async () => {
      const { orderId } = await client.placeOrder('customer-bad-payment');

      const wrong = await client.post(`/orders/${orderId}/pay`, { amount: 10 });
      const text = await client.post(`/orders/${orderId}/pay`, { amount: '59.98' });

      expect(wrong).toMatchObject({ status: 400, body: { code: 'VALIDATION', field: 'amount' } });
      expect(text).toMatchObject({ status: 400, body: { code: 'VALIDATION', field: 'amount' } });
      expect((await client.get(`/orders/${orderId}`)).body).toMatchObject({ status: 'PENDING', version: 1 });
    });

    it('answers 400 for an ?after that is not a position', async () => {
      const reply = await client.get('/orders/any?after=yesterday');

      expect(reply).toMatchObject({ status: 400, body: { code: 'VALIDATION', field: 'after' } });
    });

    it('answers 404 for an unknown order, read or written, and for an unknown route', async () => {
      const read = await client.get('/orders/order-404');
      const written = await client.post('/orders/order-404/pay', { amount: 5 });
      const route = await client.get('/invoices');

      expect(read).toMatchObject({ status: 404, body: { code: 'ORDER_NOT_FOUND', orderId: 'order-404' } });
      expect(written).toMatchObject({ status: 404, body: { code: 'ORDER_NOT_FOUND', orderId: 'order-404' } });
      expect(route).toMatchObject({ status: 404, body: { code: 'ROUTE_NOT_FOUND' } });
    });

    it('answers 422 for a transition the status does not allow, and writes nothing', async () => {
      const { orderId } = await client.placeOrder('customer-transitions');

      const shipUnpaid = await client.post(`/orders/${orderId}/ship`);
      await client.post(`/orders/${orderId}/pay`, { amount: 59.98 });
      const payTwice = await client.post(`/orders/${orderId}/pay`, { amount: 59.98 });
      await client.post(`/orders/${orderId}/ship`);
      const cancelShipped = await client.post(`/orders/${orderId}/cancel`);

      expect(shipUnpaid).toMatchObject({
        status: 422,
        body: { code: 'INVALID_ORDER_STATE', orderId, status: 'PENDING', action: 'ship' },
      });
      expect(payTwice).toMatchObject({ status: 422, body: { status: 'PAID', action: 'pay' } });
      expect(cancelShipped).toMatchObject({ status: 422, body: { status: 'SHIPPED', action: 'cancel' } });
      expect((await client.get(`/orders/${orderId}`)).body).toMatchObject({ status: 'SHIPPED', version: 3 });
    });

    it('lets exactly one of many concurrent writes of version 1 win, and answers 409 to the rest', async () => {
      const { orderId } = await client.placeOrder('customer-race');
      const writes = Array.from({ length: 12 }, (_, index) =>
        index % 2 === 0
          ? client.post(`/orders/${orderId}/pay`, { amount: 59.98, expectedVersion: 1 })
          : client.post(`/orders/${orderId}/cancel`, { reason: `writer ${index}`, expectedVersion: 1 }),
      );

      const replies = await Promise.all(writes);

      const winners = replies.filter((reply) => reply.status === 200);
      expect(winners).toHaveLength(1);
      expect(replies.filter((reply) => reply.status === 409)).toHaveLength(11);
      for (const reply of replies.filter((candidate) => candidate.status === 409)) {
        expect(reply.body).toMatchObject({ code: 'CONCURRENCY', orderId, expectedVersion: 1, actualVersion: 2 });
      }
      const order = await client.get(`/orders/${orderId}`);
      expect(order.body).toMatchObject({ status: winners[0]?.body.status, version: 2 });
    });

    it('decides concurrent writes without expectedVersion one after another: one wins, the rest see its outcome', async () => {
      const { orderId } = await client.placeOrder('customer-race-retry');
      const writes = Array.from({ length: 12 }, (_, index) =>
        index % 2 === 0
          ? client.post(`/orders/${orderId}/pay`, { amount: 59.98 })
          : client.post(`/orders/${orderId}/cancel`),
      );

      const replies = await Promise.all(writes);

      const outcomes = outcomesOf(replies);
      const wins = (outcomes['200 PAID'] ?? 0) + (outcomes['200 CANCELLED'] ?? 0);
      expect(wins).toBe(1);
      expect(
        Object.keys(outcomes).every((key) =>
          /^(200 (PAID|CANCELLED)|422 INVALID_ORDER_STATE|409 CONCURRENCY)$/.test(key),
        ),
      ).toBe(true);
      expect((await client.get(`/orders/${orderId}`)).body).toMatchObject({ version: 2 });
    });

    it('reports the store and every projection healthy, caught up, on GET /health', async () => {
      await client.placeOrder('customer-health');

      const reply = await client.get('/health');

      expect(reply).toMatchObject({
        status: 200,
        body: {
          status: 'ok',
          store: { kind: harness.storeKind, reachable: true },
          projections: [
            { name: 'orders_by_id', healthy: true, lag: 0, position: expect.stringMatching(/^\d+$/) },
            { name: 'orders_by_customer', healthy: true, lag: 0, position: expect.stringMatching(/^\d+$/) },
          ],
        },
      });
    });

    it('never misses its own write: many clients write, then read at once', async () => {
      const CLIENTS = 8;
      const ROUNDS = 12;
      const misses: string[] = [];

      await Promise.all(
        Array.from({ length: CLIENTS }, async (_, clientIndex) => {
          const customerId = `customer-ryw-${clientIndex}`;
          for (let round = 0; round < ROUNDS; round += 1) {
            const { orderId } = await client.placeOrder(customerId);
            const placed = await client.get(`/orders/${orderId}`);
            if (placed.status !== 200 || placed.body.status !== 'PENDING') misses.push(`${orderId} placed`);
            const listed = await client.get(`/customers/${customerId}/orders`);
            if ((listed.body.orders as unknown[]).length !== round + 1) misses.push(`${orderId} listed`);
            await client.post(`/orders/${orderId}/pay`, { amount: 59.98 });
            const paid = await client.get(`/orders/${orderId}`);
            if (paid.body.status !== 'PAID') misses.push(`${orderId} paid`);
          }
        }),
      );

      expect(misses).toEqual([]);
    });

    it('reads at once with ?after=<position> of a write it made', async () => {
      const { orderId, position } = await client.placeOrder('customer-after');

      const reply = await client.get(`/orders/${orderId}?after=${position}`);
      const listed = await client.get(`/customers/customer-after/orders?after=${position}`);

      expect(reply).toMatchObject({ status: 200, body: { orderId } });
      expect(listed.body.orders).toHaveLength(1);
    });

    it('answers 503 with Retry-After when ?after names a position the read model does not reach in time', async () => {
      const impatient = await harness.start({ readModelTimeoutMs: 200 });
      try {
        const reply = await impatient.client.get('/orders/any?after=9000000000000000000');

        expect(reply).toMatchObject({
          status: 503,
          body: { code: 'READ_MODEL_BEHIND', position: '9000000000000000000' },
        });
        expect(reply.headers.get('retry-after')).toBe('1');
      } finally {
        await impatient.close();
      }
    });
  });
}
