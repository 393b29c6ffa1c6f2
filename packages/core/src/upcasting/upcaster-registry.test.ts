import { describe, expect, it } from 'vitest';
import { SerializationError } from '../errors/serialization-error';
import { UpcastError } from '../errors/upcast-error';
import { ValidationError } from '../errors/validation-error';
import { caughtError } from '../internal/caught-error';
import { defineEvent, payload } from '../messages/define-message';
import type { JsonObject } from '../serialization/json-value';
import type { Upcaster } from './upcaster';
import { UpcasterRegistry } from './upcaster-registry';

const OrderPlacedV1 = defineEvent('OrderPlaced', payload<{ total: number }>());
const OrderPlacedV3 = defineEvent('OrderPlaced', payload<{ amount: number; currency: string }>(), {
  schemaVersion: 3,
});
const OrderShipped = defineEvent('OrderShipped');

const toV2: Upcaster = {
  type: 'OrderPlaced',
  fromVersion: 1,
  toVersion: 2,
  upcast: (data) => ({ amount: (data as JsonObject).total ?? 0 }),
};
const toV3: Upcaster = {
  type: 'OrderPlaced',
  fromVersion: 2,
  toVersion: 3,
  upcast: (data) => ({ ...(data as JsonObject), currency: 'EUR' }),
};

describe('UpcasterRegistry', () => {
  it('raises an event through every step to the newest version', () => {
    const registry = new UpcasterRegistry().register(toV2).register(toV3);

    const result = registry.upcast(OrderPlacedV1({ total: 5 }));

    expect(result).toMatchObject({ schemaVersion: 3, data: { amount: 5, currency: 'EUR' } });
  });

  it('finds the steps whatever order they were registered in', () => {
    const registry = new UpcasterRegistry().register(toV3).register(toV2);

    const result = registry.upcast(OrderPlacedV1({ total: 5 }));

    expect(result.schemaVersion).toBe(3);
  });

  it('keeps the other attributes of the event', () => {
    const registry = new UpcasterRegistry().register(toV2).register(toV3);
    const event = OrderPlacedV1({ total: 5 }, { correlationId: 'flow-1' });

    const result = registry.upcast(event);

    expect(result).toMatchObject({ id: event.id, type: 'OrderPlaced', correlationId: 'flow-1' });
  });

  it('returns an event already at the newest version itself', () => {
    const registry = new UpcasterRegistry().register(toV2).register(toV3);
    const event = OrderPlacedV3({ amount: 5, currency: 'EUR' });

    const result = registry.upcast(event);

    expect(result).toBe(event);
  });

  it('returns an event of a type without upcasters itself', () => {
    const registry = new UpcasterRegistry().register(toV2);
    const event = OrderShipped();

    const result = registry.upcast(event);

    expect(result).toBe(event);
  });

  it('returns a frozen event with deeply frozen data', () => {
    const registry = new UpcasterRegistry().register(toV2).register(toV3);

    const result = registry.upcast(OrderPlacedV1({ total: 5 }));

    expect(Object.isFrozen(result)).toBe(true);
    expect(Object.isFrozen(result.data)).toBe(true);
  });

  it('leaves the original event untouched', () => {
    const registry = new UpcasterRegistry().register(toV2).register(toV3);
    const event = OrderPlacedV1({ total: 5 });

    registry.upcast(event);

    expect(event).toMatchObject({ schemaVersion: 1, data: { total: 5 } });
  });

  it('runs the data an upcaster returns through the codec', () => {
    const registry = new UpcasterRegistry().register({ ...toV2, upcast: () => ({ at: new Date(0) }) });

    const result = registry.upcast(OrderPlacedV1({ total: 5 }));

    expect(result.data).toEqual({ at: '1970-01-01T00:00:00.000Z' });
  });

  it('reports the newest registered version of a type, or 1', () => {
    const registry = new UpcasterRegistry().register(toV2).register(toV3);

    const versions = [registry.latestVersion('OrderPlaced'), registry.latestVersion('OrderShipped')];

    expect(versions).toEqual([3, 1]);
  });

  it('rejects a missing step with an UpcastError naming the type and versions', () => {
    const registry = new UpcasterRegistry().register(toV3);
    const event = OrderPlacedV1({ total: 5 });

    const error = caughtError(() => registry.upcast(event));

    expect(error).toBeInstanceOf(UpcastError);
    expect(error).toMatchObject({
      code: 'UPCAST',
      eventType: 'OrderPlaced',
      fromVersion: 1,
      toVersion: 3,
      eventId: event.id,
    });
  });

  it('wraps an upcaster that throws in an UpcastError keeping the cause', () => {
    const failure = new TypeError('total is missing');
    const registry = new UpcasterRegistry().register(toV2).register({
      ...toV3,
      upcast: () => {
        throw failure;
      },
    });

    const error = caughtError(() => registry.upcast(OrderPlacedV1({ total: 5 })));

    expect(error).toBeInstanceOf(UpcastError);
    expect(error).toMatchObject({ eventType: 'OrderPlaced', fromVersion: 2, toVersion: 3, cause: failure });
  });

  it('rejects data an upcaster returns that cannot round-trip with an UpcastError', () => {
    const registry = new UpcasterRegistry().register({ ...toV2, upcast: () => ({ total: Number.NaN }) });

    const error = caughtError(() => registry.upcast(OrderPlacedV1({ total: 5 })));

    expect(error).toBeInstanceOf(UpcastError);
    expect((error as UpcastError).cause).toBeInstanceOf(SerializationError);
  });

  it.each([
    ['type', { ...toV2, type: '' }],
    ['fromVersion', { ...toV2, fromVersion: 0 }],
    ['fromVersion', { ...toV2, fromVersion: 1.5 }],
    ['toVersion', { ...toV2, toVersion: 1 }],
    ['toVersion', { ...toV2, toVersion: 2.5 }],
    ['upcast', { ...toV2, upcast: 'not a function' }],
  ])('rejects a registration with an invalid %s with a ValidationError naming it', (field, upcaster) => {
    const registry = new UpcasterRegistry();

    const error = caughtError(() => registry.register(upcaster as Upcaster));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field });
  });

  it('rejects a second upcaster from the same version with a ValidationError', () => {
    const registry = new UpcasterRegistry().register(toV2);

    const error = caughtError(() => registry.register({ ...toV2, toVersion: 3 }));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'fromVersion', value: 1 });
  });
});

describe('UpcasterRegistry.upcastAll', () => {
  it('returns the same array when no event changes', () => {
    const registry = new UpcasterRegistry().register(toV2).register(toV3);
    const events = [OrderShipped(), OrderPlacedV3({ amount: 1, currency: 'EUR' })];

    const result = registry.upcastAll(events);

    expect(result).toBe(events);
  });

  it('returns the same array when nothing is registered', () => {
    const events = [OrderPlacedV1({ total: 5 })];

    const result = new UpcasterRegistry().upcastAll(events);

    expect(result).toBe(events);
  });

  it('returns a new array with only the old events raised', () => {
    const registry = new UpcasterRegistry().register(toV2).register(toV3);
    const shipped = OrderShipped();
    const events = [shipped, OrderPlacedV1({ total: 5 })];

    const result = registry.upcastAll(events);

    expect(result).not.toBe(events);
    expect(result[0]).toBe(shipped);
    expect(result[1]?.schemaVersion).toBe(3);
  });

  it('leaves the given array untouched when it copies', () => {
    const registry = new UpcasterRegistry().register(toV2).register(toV3);
    const old = OrderPlacedV1({ total: 5 });
    const events = [old];

    registry.upcastAll(events);

    expect(events[0]).toBe(old);
  });
});
