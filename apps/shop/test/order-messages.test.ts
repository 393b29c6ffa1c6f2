import { ValidationError } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { CancelOrder } from '../src/orders/messages/cancel-order';
import { PayOrder } from '../src/orders/messages/pay-order';
import { PlaceOrder } from '../src/orders/messages/place-order';
import { ShipOrder } from '../src/orders/messages/ship-order';
import { totalOf } from '../src/orders/order-item';

const item = { productId: 'keyboard-k2', quantity: 2, unitPrice: 29.99 };

/** The ValidationError `make` throws; fails the test when it throws something else or nothing. */
function validationErrorOf(make: () => unknown): ValidationError {
  try {
    make();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError, but nothing was thrown');
}

/** Input as an HTTP body may hold it: anything at all, whatever the factory's static type says. */
function untyped<T>(value: unknown): T {
  return value as T;
}

describe('PlaceOrder', () => {
  it('keeps only the known fields of the order and of each item', () => {
    const command = PlaceOrder(
      untyped({ orderId: 'order-1', customerId: 'customer-7', items: [{ ...item, note: 'x' }], admin: true }),
    );

    expect(command.data).toEqual({ orderId: 'order-1', customerId: 'customer-7', items: [item] });
  });

  it.each([
    ['an empty customer', { customerId: '  ', items: [item] }, 'customerId'],
    ['a customer that is not a string', { customerId: 7, items: [item] }, 'customerId'],
    ['missing items', { customerId: 'customer-7' }, 'items'],
    ['no items', { customerId: 'customer-7', items: [] }, 'items'],
    ['items that are not an array', { customerId: 'customer-7', items: 'keyboard' }, 'items'],
    ['an item that is not an object', { customerId: 'customer-7', items: [item, 3] }, 'items.1'],
    [
      'an item without a product',
      { customerId: 'customer-7', items: [{ ...item, productId: '' }] },
      'items.0.productId',
    ],
    ['a quantity of 0', { customerId: 'customer-7', items: [item, { ...item, quantity: 0 }] }, 'items.1.quantity'],
    ['a fractional quantity', { customerId: 'customer-7', items: [{ ...item, quantity: 1.5 }] }, 'items.0.quantity'],
    ['a price as text', { customerId: 'customer-7', items: [{ ...item, unitPrice: '29.99' }] }, 'items.0.unitPrice'],
  ])('refuses %s, naming the field', (_case, input, field) => {
    const error = validationErrorOf(() => PlaceOrder(untyped({ orderId: 'order-1', ...input })));

    expect(error).toMatchObject({ code: 'VALIDATION', field });
  });
});

describe('PayOrder', () => {
  it('refuses an amount that is not positive', () => {
    expect(validationErrorOf(() => PayOrder({ orderId: 'order-1', amount: 0 })).field).toBe('amount');
  });

  it('refuses an expectedVersion that is not a whole number of at least 1', () => {
    const error = validationErrorOf(() => PayOrder({ orderId: 'order-1', amount: 5, expectedVersion: 0 }));

    expect(error.field).toBe('expectedVersion');
  });
});

describe('ShipOrder', () => {
  it('carries expectedVersion only when given', () => {
    expect(ShipOrder({ orderId: 'order-1' }).data).toEqual({ orderId: 'order-1' });
    expect(ShipOrder({ orderId: 'order-1', expectedVersion: 2 }).data).toEqual({
      orderId: 'order-1',
      expectedVersion: 2,
    });
  });
});

describe('CancelOrder', () => {
  it('records a missing reason as null', () => {
    expect(CancelOrder({ orderId: 'order-1' }).data).toEqual({ orderId: 'order-1', reason: null });
  });

  it('refuses an empty reason', () => {
    expect(validationErrorOf(() => CancelOrder({ orderId: 'order-1', reason: '' })).field).toBe('reason');
  });
});

describe('totalOf', () => {
  it('sums quantity times price in whole cents', () => {
    expect(totalOf([{ productId: 'cable', quantity: 3, unitPrice: 0.1 }])).toBe(0.3);
  });
});
