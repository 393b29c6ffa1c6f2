import type { StoredEvent } from '@orchestrix/core';
import { projectionSpec } from '@orchestrix/testing';
import { describe, expect, it } from 'vitest';
import { OrderCancelled } from '../src/orders/messages/order-cancelled';
import { OrderPaid } from '../src/orders/messages/order-paid';
import { OrderPlaced } from '../src/orders/messages/order-placed';
import { InMemoryOrderReadModel } from '../src/read-model/in-memory-order-read-model';

const items = [{ productId: 'keyboard-k2', quantity: 2, unitPrice: 29.99 }];
const TIME = '2026-01-02T03:04:05.000Z';

function placed(orderId: string, customerId: string) {
  return OrderPlaced({ orderId, customerId, items, totalAmount: 59.98 }, { subject: orderId, timestamp: TIME });
}

describe('InMemoryOrderReadModel', () => {
  it('keeps each order by id with its latest status and version', async () => {
    const readModel = new InMemoryOrderReadModel();
    const [ordersById] = readModel.projections;
    if (ordersById === undefined) throw new Error('no projection');

    await projectionSpec(ordersById, { readModel: () => readModel.findOrder('order-1') })
      .given([
        placed('order-1', 'customer-7'),
        OrderPaid({ orderId: 'order-1', amount: 59.98 }, { subject: 'order-1', timestamp: TIME }),
      ])
      .then({
        orderId: 'order-1',
        customerId: 'customer-7',
        status: 'PAID',
        items,
        totalAmount: 59.98,
        cancellationReason: null,
        version: 2,
        placedAt: TIME,
        updatedAt: TIME,
      });
  });

  it('lists a customer’s orders in the order they were placed', async () => {
    const readModel = new InMemoryOrderReadModel();
    const [, ordersByCustomer] = readModel.projections;
    if (ordersByCustomer === undefined) throw new Error('no projection');

    const listed = await projectionSpec(ordersByCustomer, {
      readModel: async () => (await readModel.ordersOfCustomer('customer-7')).map((order) => order.orderId),
    })
      .given([
        placed('order-2', 'customer-7'),
        placed('order-9', 'customer-8'),
        placed('order-1', 'customer-7'),
        OrderCancelled({ orderId: 'order-2', reason: null }, { subject: 'order-2' }),
      ])
      .then(['order-2', 'order-1']);

    expect(listed).toHaveLength(2);
    expect((await readModel.ordersOfCustomer('customer-7'))[0]?.status).toBe('CANCELLED');
  });

  it('changes nothing when an event is delivered again', async () => {
    const readModel = new InMemoryOrderReadModel();
    const [ordersById] = readModel.projections;
    const handlers = ordersById?.handlers ?? {};
    const context = { projectionName: 'orders_by_id', transaction: undefined };
    const events: StoredEvent[] = [
      { ...placed('order-1', 'customer-7'), streamId: 'order-1', version: 1, position: 1n },
      { ...OrderPaid({ orderId: 'order-1', amount: 59.98 }), streamId: 'order-1', version: 2, position: 2n },
    ];

    for (const event of [...events, ...events]) await handlers[event.type]?.(event, context);

    expect(await readModel.findOrder('order-1')).toMatchObject({ status: 'PAID', version: 2 });
  });
});
