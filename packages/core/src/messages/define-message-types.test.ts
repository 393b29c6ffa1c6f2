import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineCommand, defineEvent, type EmptyData, type MessageOf, payload } from './define-message';

const PlaceOrder = defineCommand('PlaceOrder', (input: { orderId: string; totalAmount: number }) => input);
const OrderPlaced = defineEvent('OrderPlaced', payload<{ orderId: string; totalAmount: number }>());
const OrderShipped = defineEvent('OrderShipped');
const UserRegistered = defineEvent('UserRegistered', z.object({ email: z.string(), age: z.coerce.number() }));

describe('MessageOf', () => {
  it('types the data of a payload factory as the declared payload', () => {
    expectTypeOf<MessageOf<typeof OrderPlaced>['data']>().toEqualTypeOf<{ orderId: string; totalAmount: number }>();
  });

  it('types the data of a prepare function factory as what the function returns', () => {
    expectTypeOf<MessageOf<typeof PlaceOrder>['data']>().toEqualTypeOf<{ orderId: string; totalAmount: number }>();
  });

  it('types the data of a Standard Schema factory as the schema output', () => {
    expectTypeOf<MessageOf<typeof UserRegistered>['data']>().toEqualTypeOf<{ email: string; age: number }>();
  });

  it('types the data of a factory without data as an empty object', () => {
    expectTypeOf<MessageOf<typeof OrderShipped>['data']>().toEqualTypeOf<EmptyData>();
  });

  it('keeps the literal type and kind', () => {
    expectTypeOf<MessageOf<typeof PlaceOrder>['type']>().toEqualTypeOf<'PlaceOrder'>();
    expectTypeOf<MessageOf<typeof PlaceOrder>['kind']>().toEqualTypeOf<'command'>();
    expectTypeOf<MessageOf<typeof OrderShipped>['kind']>().toEqualTypeOf<'event'>();
  });
});

describe('defineEvent', () => {
  it('makes a factory without data callable with no arguments', () => {
    expectTypeOf(OrderShipped).toBeCallableWith();
  });

  it('makes a factory whose input is the payload type', () => {
    expectTypeOf(OrderPlaced).parameter(0).toEqualTypeOf<{ orderId: string; totalAmount: number }>();
  });

  it('makes a Standard Schema factory whose input is the schema input', () => {
    expectTypeOf(UserRegistered).parameter(0).toEqualTypeOf<{ email: string; age: unknown }>();
  });

  it('narrows an unknown value with is', () => {
    const value: unknown = OrderPlaced({ orderId: 'o-1', totalAmount: 1 });

    if (OrderPlaced.is(value)) expectTypeOf(value.data.totalAmount).toEqualTypeOf<number>();
  });
});
