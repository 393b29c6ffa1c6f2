import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '../errors/validation-error';
import { caughtError } from '../internal/caught-error';
import { validateNotEmpty } from '../validation/validate-not-empty';
import { validatePositive } from '../validation/validate-positive';
import { defineCommand, defineEvent } from './define-message';

const PlaceOrder = defineCommand('PlaceOrder', (input: { orderId: string; totalAmount: number }) => {
  validateNotEmpty(input.orderId, 'orderId');
  validatePositive(input.totalAmount, 'totalAmount');
  return { orderId: input.orderId.trim(), totalAmount: input.totalAmount };
});

const OrderPlaced = defineEvent(
  'OrderPlaced',
  z.object({
    orderId: z.string().min(1),
    email: z.string().trim(),
    items: z.array(z.object({ sku: z.string(), price: z.number().positive() })),
  }),
);

describe('defineCommand with a prepare function', () => {
  it('uses what the prepare function returns as the data', () => {
    const command = PlaceOrder({ orderId: ' o-1 ', totalAmount: 99 });

    expect(command.data).toEqual({ orderId: 'o-1', totalAmount: 99 });
  });

  it('rethrows the ValidationError of the prepare function with its field and value', () => {
    const error = caughtError(() => PlaceOrder({ orderId: 'o-1', totalAmount: -5 }));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: 'VALIDATION', field: 'totalAmount', value: -5 });
  });

  it('returns no message when the prepare function rejects the input', () => {
    let message: unknown;

    const error = caughtError(() => {
      message = PlaceOrder({ orderId: '', totalAmount: 99 });
    });

    expect(error).toBeInstanceOf(ValidationError);
    expect(message).toBeUndefined();
  });

  it('wraps a plain Error of the prepare function in a ValidationError keeping it as cause', () => {
    const failure = new RangeError('too many items');
    const AddItems = defineCommand('AddItems', (input: { count: number }) => {
      if (input.count > 3) throw failure;
      return input;
    });

    const error = caughtError(() => AddItems({ count: 5 }));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: '', value: { count: 5 } });
    expect((error as ValidationError).cause).toBe(failure);
  });
});

describe('defineEvent with a Standard Schema', () => {
  it('uses the validated output of the schema as the data', () => {
    const event = OrderPlaced({ orderId: 'o-1', email: '  ada@example.com ', items: [{ sku: 'a', price: 5 }] });

    expect(event.data).toEqual({ orderId: 'o-1', email: 'ada@example.com', items: [{ sku: 'a', price: 5 }] });
  });

  it('rejects invalid input with a ValidationError naming the path of the first issue', () => {
    const input = {
      orderId: 'o-1',
      email: 'a',
      items: [
        { sku: 'a', price: 5 },
        { sku: 'b', price: -1 },
      ],
    };

    const error = caughtError(() => OrderPlaced(input));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'items.1.price', value: -1 });
  });

  it('lists every issue of the schema', () => {
    const input = { orderId: '', email: 'a', items: [{ sku: 'a', price: -1 }] };

    const error = caughtError(() => OrderPlaced(input));

    expect((error as ValidationError).issues.map((issue) => issue.field)).toEqual(['orderId', 'items.0.price']);
  });

  it('rejects input that is not an object with an empty field and the input as value', () => {
    const error = caughtError(() => OrderPlaced('not an order' as never));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: '', value: 'not an order' });
  });

  it('rejects a schema that validates asynchronously with a ValidationError naming schema', () => {
    const UserRegistered = defineEvent(
      'UserRegistered',
      z.object({ email: z.string().refine(async (email) => email.includes('@')) }),
    );

    const error = caughtError(() => UserRegistered({ email: 'ada@example.com' }));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'schema', value: 'UserRegistered' });
  });
});
