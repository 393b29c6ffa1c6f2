import { ValidationError } from '@orchestrix/core';
import { given } from '@orchestrix/testing';
import { describe, expect, it } from 'vitest';
import { InvalidOrderStateError } from '../src/orders/invalid-order-state-error';
import { OrderCancelled } from '../src/orders/messages/order-cancelled';
import { OrderPaid } from '../src/orders/messages/order-paid';
import { OrderPlaced } from '../src/orders/messages/order-placed';
import { OrderShipped } from '../src/orders/messages/order-shipped';
import { Order } from '../src/orders/order';

const items = [
  { productId: 'keyboard-k2', quantity: 2, unitPrice: 29.99 },
  { productId: 'mouse-m1', quantity: 1, unitPrice: 49.99 },
];
const placed = OrderPlaced({ orderId: 'order-1', customerId: 'customer-7', items, totalAmount: 109.97 });
const paid = OrderPaid({ orderId: 'order-1', amount: 109.97 });
const shipped = OrderShipped({ orderId: 'order-1' });

describe('Order', () => {
  it('is placed PENDING with its total rounded to cents', async () => {
    const order = await given(Order)
      .when((order) => order.place('order-1', 'customer-7', items))
      .then([placed]);

    expect(order).toMatchObject({ aggregateId: 'order-1', status: 'PENDING', totalAmount: 109.97 });
  });

  it('refuses to be placed twice', async () => {
    const error = await given(Order, [placed])
      .when((order) => order.place('order-1', 'customer-7', items))
      .thenThrows(InvalidOrderStateError);

    expect(error).toMatchObject({ code: 'INVALID_ORDER_STATE', status: 'PENDING', action: 'place' });
  });

  it('is paid, then shipped', async () => {
    const order = await given(Order, [placed])
      .when((order) => {
        order.pay(109.97);
        order.ship();
      })
      .then([paid, shipped]);

    expect(order.status).toBe('SHIPPED');
  });

  it('refuses a payment of another amount than its total, naming the amount', async () => {
    const error = await given(Order, [placed])
      .when((order) => order.pay(100))
      .thenThrows(ValidationError);

    expect(error.field).toBe('amount');
  });

  it('refuses to be paid twice', async () => {
    const error = await given(Order, [placed, paid])
      .when((order) => order.pay(109.97))
      .thenThrows(InvalidOrderStateError);

    expect(error).toMatchObject({ status: 'PAID', action: 'pay' });
  });

  it('refuses to ship before it is paid', async () => {
    const error = await given(Order, [placed])
      .when((order) => order.ship())
      .thenThrows(InvalidOrderStateError);

    expect(error).toMatchObject({ orderId: 'order-1', status: 'PENDING', action: 'ship' });
  });

  it('is cancelled while paid, keeping the reason', async () => {
    const order = await given(Order, [placed, paid])
      .when((order) => order.cancel('found it cheaper'))
      .then([OrderCancelled({ orderId: 'order-1', reason: 'found it cheaper' })]);

    expect(order).toMatchObject({ status: 'CANCELLED', cancellationReason: 'found it cheaper' });
  });

  it('refuses to be cancelled once shipped', async () => {
    const error = await given(Order, [placed, paid, shipped])
      .when((order) => order.cancel(null))
      .thenThrows(InvalidOrderStateError);

    expect(error).toMatchObject({ status: 'SHIPPED', action: 'cancel' });
  });

  it('refuses every action before it is placed', async () => {
    const error = await given(Order)
      .when((order) => order.cancel(null))
      .thenThrows(InvalidOrderStateError);

    expect(error.action).toBe('cancel');
  });
});
