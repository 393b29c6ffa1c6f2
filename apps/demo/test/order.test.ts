import { ValidationError } from '@orchestrix/core';
import { given } from '@orchestrix/testing';
import { describe, expect, it } from 'vitest';
import { InvalidOrderStateError } from '../src/ecommerce/invalid-order-state-error';
import { InventoryReserved } from '../src/ecommerce/messages/inventory-reserved';
import { OrderCancelled } from '../src/ecommerce/messages/order-cancelled';
import { OrderConfirmed } from '../src/ecommerce/messages/order-confirmed';
import { OrderPlaced } from '../src/ecommerce/messages/order-placed';
import { PaymentCompleted } from '../src/ecommerce/messages/payment-completed';
import { PlaceOrder } from '../src/ecommerce/messages/place-order';
import { Order } from '../src/ecommerce/order';

const items = [
  { productId: 'keyboard-k2', quantity: 2, unitPrice: 29.99 },
  { productId: 'mouse-m1', quantity: 1, unitPrice: 49.99 },
];
const placed = OrderPlaced({ orderId: 'order-1', customerId: 'customer-7', items, totalAmount: 109.97 });
const paid = PaymentCompleted({ orderId: 'order-1', amount: 109.97 });
const reserved = InventoryReserved({ orderId: 'order-1' });
const confirmed = OrderConfirmed({ orderId: 'order-1' });

describe('Order', () => {
  it('is placed PENDING with its total rounded to cents', async () => {
    const order = await given(Order)
      .when((order) => order.place('order-1', 'customer-7', items))
      .then([placed]);

    expect(order.status).toBe('PENDING');
  });

  it('refuses an item without a positive quantity, naming the item', async () => {
    const error = await given(Order)
      .when((order) =>
        order.place('order-1', 'customer-7', [...items, { productId: 'cable', quantity: 0, unitPrice: 5 }]),
      )
      .thenThrows(ValidationError);

    expect(error.field).toBe('items.2.quantity');
  });

  it('refuses to be placed twice', async () => {
    const error = await given(Order, [placed])
      .when((order) => order.place('order-1', 'customer-7', items))
      .thenThrows(InvalidOrderStateError);

    expect(error).toMatchObject({ code: 'INVALID_ORDER_STATE', status: 'PENDING', action: 'place' });
  });

  it('is paid, reserved and confirmed, in that order', async () => {
    const order = await given(Order, [placed])
      .when((order) => {
        order.pay(109.97);
        order.reserveInventory();
        order.confirm();
      })
      .then([paid, reserved, confirmed]);

    expect(order.status).toBe('CONFIRMED');
  });

  it('refuses a payment of another amount than its total', async () => {
    const error = await given(Order, [placed])
      .when((order) => order.pay(100))
      .thenThrows(ValidationError);

    expect(error.field).toBe('amount');
  });

  it('refuses to confirm before its inventory is reserved', async () => {
    const error = await given(Order, [placed, paid])
      .when((order) => order.confirm())
      .thenThrows(InvalidOrderStateError);

    expect(error).toMatchObject({ code: 'INVALID_ORDER_STATE', orderId: 'order-1', status: 'PAID', action: 'confirm' });
  });

  it('is cancelled while paid, keeping the reason', async () => {
    const order = await given(Order, [placed, paid])
      .when((order) => order.cancel('out of stock'))
      .then([OrderCancelled({ orderId: 'order-1', reason: 'out of stock' })]);

    expect(order.status).toBe('CANCELLED');
    expect(order.cancellationReason).toBe('out of stock');
  });

  it('refuses to be cancelled once confirmed', async () => {
    const error = await given(Order, [placed, paid, reserved, confirmed])
      .when((order) => order.cancel('changed my mind'))
      .thenThrows(InvalidOrderStateError);

    expect(error).toMatchObject({ code: 'INVALID_ORDER_STATE', status: 'CONFIRMED', action: 'cancel' });
  });
});

describe('PlaceOrder', () => {
  it('refuses an order without items before any message exists', () => {
    let thrown: unknown;

    try {
      PlaceOrder({ orderId: 'order-1', customerId: 'customer-7', items: [] });
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(ValidationError);
    expect(thrown).toMatchObject({ code: 'VALIDATION', field: 'items' });
  });
});
