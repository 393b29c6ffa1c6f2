import { AggregateRepository, noopLogger, ProjectionRunner, StoreUnavailableError } from '@orchestrix/core';
import { InMemoryMessageBus } from '@orchestrix/memory';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { toHttpErrorResponse } from '../src/http/http-error-response';
import { PayOrder } from '../src/orders/messages/pay-order';
import { PlaceOrder } from '../src/orders/messages/place-order';
import { OrderCommands } from '../src/orders/order-commands';
import { ORDERS_BY_CUSTOMER, ORDERS_BY_ID } from '../src/read-model/order-read-model';
import { PostgresOrderReadModel } from '../src/read-model/postgres-order-read-model';
import { openShopStorage } from '../src/storage/open-shop-storage';
import { dropSchema, TEST_DATABASE_URL, testPool, uniqueSchemaName } from './support/test-database';

const admin = testPool();
const schema = uniqueSchemaName('views');

afterAll(async () => {
  await dropSchema(admin, schema);
  await admin.end();
});

describe('PostgresOrderReadModel', () => {
  it('creates its tables on start, and rebuilds the same rows from the events after a reset', async () => {
    const storage = await openShopStorage({
      kind: 'postgres',
      databaseUrl: TEST_DATABASE_URL,
      schema,
      logger: noopLogger,
    });
    const runner = new ProjectionRunner({
      source: storage.store,
      checkpoints: storage.checkpoints,
      projections: storage.readModel.projections,
    });
    try {
      await runner.start();
      const commands = new OrderCommands(
        new InMemoryMessageBus(),
        new AggregateRepository({ eventStore: storage.store }),
      );
      const items = [{ productId: 'cable', quantity: 3, unitPrice: 4.5 }];
      await commands.send(PlaceOrder({ orderId: 'order-1', customerId: 'customer-7', items }));
      await commands.send(PlaceOrder({ orderId: 'order-2', customerId: 'customer-7', items }));
      const { position } = await commands.send(PayOrder({ orderId: 'order-1', amount: 13.5 }));
      await runner.waitFor(position, { timeoutMs: 10_000 });
      const before = [
        await storage.readModel.findOrder('order-1'),
        await storage.readModel.ordersOfCustomer('customer-7'),
      ];

      await runner.rebuild(ORDERS_BY_ID);
      await runner.rebuild(ORDERS_BY_CUSTOMER);

      const after = [
        await storage.readModel.findOrder('order-1'),
        await storage.readModel.ordersOfCustomer('customer-7'),
      ];
      expect(after).toEqual(before);
      expect(before[0]).toMatchObject({ orderId: 'order-1', status: 'PAID', version: 2, totalAmount: 13.5, items });
      expect(before[1]).toMatchObject([
        { orderId: 'order-1', status: 'PAID' },
        { orderId: 'order-2', status: 'PENDING' },
      ]);
    } finally {
      await runner.stop();
      await storage.close();
    }
  });
});

describe('PostgresOrderReadModel on a database it cannot reach', () => {
  it('rejects a query with StoreUnavailableError, which the API answers with 503', async () => {
    // Nothing listens on port 1: the connection is refused at once.
    const pool = new pg.Pool({
      connectionString: 'postgres://postgres@127.0.0.1:1/test',
      connectionTimeoutMillis: 2000,
    });
    const readModel = new PostgresOrderReadModel({ pool, schema });
    let thrown: unknown;

    try {
      await readModel.findOrder('order-1');
    } catch (error) {
      thrown = error;
    } finally {
      await pool.end();
    }

    expect(thrown).toBeInstanceOf(StoreUnavailableError);
    expect(toHttpErrorResponse(thrown)).toMatchObject({ statusCode: 503, body: { code: 'STORE_UNAVAILABLE' } });
  });
});
