import { AggregateRoot, defineEvent, type MessageOf, payload } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { given } from './given';

const OrderCreated = defineEvent('OrderCreated', payload<{ orderId: string; totalAmount: number }>());
const OrderShipped = defineEvent('OrderShipped', payload<{ orderId: string; shippedAt: string }>());

class OrderNotShippableError extends Error {
  readonly code = 'ORDER_NOT_SHIPPABLE';
}

class Order extends AggregateRoot {
  status = 'new';

  ship(shippedAt: Date): void {
    if (this.status !== 'created') throw new OrderNotShippableError(this.status);
    this.applyEvent(OrderShipped({ orderId: this.aggregateId, shippedAt: shippedAt.toISOString() }));
  }

  async shipLater(shippedAt: Date): Promise<void> {
    await Promise.resolve();
    this.ship(shippedAt);
  }

  protected whenOrderCreated(event: MessageOf<typeof OrderCreated>): void {
    this.aggregateId = event.data.orderId;
    this.status = 'created';
  }

  protected whenOrderShipped(): void {
    this.status = 'shipped';
  }
}

const SHIPPED_AT = new Date('2026-01-02T03:04:05.006Z');
const created = OrderCreated({ orderId: 'order-1', totalAmount: 99 });

describe('given', () => {
  it('passes when the decision applies the expected events', async () => {
    await given(Order, [created])
      .when((order) => order.ship(SHIPPED_AT))
      .then([OrderShipped({ orderId: 'order-1', shippedAt: SHIPPED_AT.toISOString() })]);
  });

  it('compares type and data only, ignoring ids, timestamps and metadata', async () => {
    const expected = OrderShipped(
      { orderId: 'order-1', shippedAt: SHIPPED_AT.toISOString() },
      { correlationId: 'another-flow', timestamp: '1999-01-01T00:00:00.000Z' },
    );

    await given(Order, [created])
      .when((order) => order.ship(SHIPPED_AT))
      .then([expected]);
  });

  it('accepts expected events as type and data, with data normalised by the codec', async () => {
    await given(Order, [created])
      .when((order) => order.ship(SHIPPED_AT))
      .then([{ type: 'OrderShipped', data: { orderId: 'order-1', shippedAt: SHIPPED_AT } }]);
  });

  it('waits for an asynchronous decision', async () => {
    await given(Order, [created])
      .when((order) => order.shipLater(SHIPPED_AT))
      .then([{ type: 'OrderShipped', data: { orderId: 'order-1', shippedAt: SHIPPED_AT } }]);
  });

  it('fails with an assertion error when the events differ', async () => {
    const spec = given(Order, [created]).when((order) => order.ship(SHIPPED_AT));

    await expect(spec.then([{ type: 'OrderShipped', data: { orderId: 'order-2' } }])).rejects.toMatchObject({
      name: 'AssertionError',
    });
    await expect(spec.then([])).rejects.toMatchObject({ name: 'AssertionError' });
  });

  it("rejects with the decision's own error when then() expected events", async () => {
    await expect(
      given(Order)
        .when((order) => order.ship(SHIPPED_AT))
        .then([]),
    ).rejects.toBeInstanceOf(OrderNotShippableError);
  });

  it('passes thenThrows when the decision throws or rejects with the error class, and resolves with it', async () => {
    const thrown = await given(Order)
      .when((order) => order.ship(SHIPPED_AT))
      .thenThrows(OrderNotShippableError);
    await given(Order)
      .when((order) => order.shipLater(SHIPPED_AT))
      .thenThrows(OrderNotShippableError);

    expect(thrown.code).toBe('ORDER_NOT_SHIPPABLE');
  });

  it('fails thenThrows when the decision succeeds or throws another class', async () => {
    class OtherError extends Error {}

    await expect(
      given(Order, [created])
        .when((order) => order.ship(SHIPPED_AT))
        .thenThrows(OrderNotShippableError),
    ).rejects.toMatchObject({ name: 'AssertionError' });
    await expect(
      given(Order)
        .when((order) => order.ship(SHIPPED_AT))
        .thenThrows(OtherError),
    ).rejects.toMatchObject({ name: 'AssertionError' });
  });

  it('hands the aggregate to thenState after the decision', async () => {
    const order = await given(Order, [created])
      .when((candidate) => candidate.ship(SHIPPED_AT))
      .thenState((candidate) => expect(candidate.status).toBe('shipped'));

    expect(order.version).toBe(2);
  });

  it('rebuilds the aggregate from its history for every assertion', async () => {
    const spec = given(Order, [created]).when((order) => order.ship(SHIPPED_AT));

    await spec.then([{ type: 'OrderShipped', data: { orderId: 'order-1', shippedAt: SHIPPED_AT } }]);
    await spec.then([{ type: 'OrderShipped', data: { orderId: 'order-1', shippedAt: SHIPPED_AT } }]);
  });

  it('rejects awaiting the spec itself with a TypeError', async () => {
    const spec = given(Order, [created]).when((order) => order.ship(SHIPPED_AT));

    await expect(Promise.resolve(spec as unknown)).rejects.toBeInstanceOf(TypeError);
  });
});
