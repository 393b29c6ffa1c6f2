import { describe, expect, it } from 'vitest';
import { SerializationError } from '../errors/serialization-error';
import { ValidationError } from '../errors/validation-error';
import { caughtError } from '../internal/caught-error';
import { defineCommand, defineEvent, payload } from './define-message';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const PlaceOrder = defineCommand('PlaceOrder', payload<{ orderId: string; totalAmount: number }>());
const OrderPlaced = defineEvent('OrderPlaced', payload<{ orderId: string; placedAt: Date | string }>());
const OrderShipped = defineEvent('OrderShipped');

describe('defineCommand', () => {
  it('makes a command of its type carrying the given data', () => {
    const command = PlaceOrder({ orderId: 'o-1', totalAmount: 99 });

    expect(command).toMatchObject({ kind: 'command', type: 'PlaceOrder', data: { orderId: 'o-1', totalAmount: 99 } });
  });

  it('exposes its kind, type and schema version on the factory', () => {
    const factory = defineCommand('CancelOrder', undefined, { schemaVersion: 3 });

    expect([factory.kind, factory.type, factory.schemaVersion]).toEqual(['command', 'CancelOrder', 3]);
  });

  it('rejects an empty type with a ValidationError naming type', () => {
    const error = caughtError(() => defineCommand(' '));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'type', value: ' ' });
  });

  it.each([0, 1.5, -1])('rejects a default schemaVersion of %s with a ValidationError', (schemaVersion) => {
    const error = caughtError(() => defineEvent('OrderPlaced', undefined, { schemaVersion }));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'schemaVersion', value: schemaVersion });
  });
});

describe('defineEvent', () => {
  it('makes an event of its type', () => {
    const event = OrderShipped();

    expect(event).toMatchObject({ kind: 'event', type: 'OrderShipped', specversion: '1.0' });
  });

  it('gives an event without data an empty object as data', () => {
    const event = OrderShipped();

    expect(event.data).toEqual({});
  });

  it('gives every message a UUID v7 id', () => {
    const event = OrderShipped();

    expect(event.id).toMatch(UUID_V7);
  });

  it('gives every message its own id', () => {
    const ids = Array.from({ length: 1000 }, () => OrderShipped().id);

    expect(new Set(ids).size).toBe(1000);
  });

  it('uses orchestrix as the default source', () => {
    const event = OrderShipped();

    expect(event.source).toBe('orchestrix');
  });

  it('stamps the current time as ISO 8601 UTC with milliseconds', () => {
    const before = Date.now();

    const event = OrderShipped();

    expect(event.timestamp).toMatch(ISO_UTC_MS);
    expect(Date.parse(event.timestamp)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(event.timestamp)).toBeLessThanOrEqual(Date.now());
  });

  it('uses schema version 1 by default', () => {
    const event = OrderShipped();

    expect(event.schemaVersion).toBe(1);
  });

  it('uses the source and schema version given as defaults', () => {
    const OrderRefunded = defineEvent('OrderRefunded', undefined, { source: 'billing', schemaVersion: 2 });

    const event = OrderRefunded();

    expect(event).toMatchObject({ source: 'billing', schemaVersion: 2 });
  });

  it('uses the metadata given to the factory call', () => {
    const metadata = {
      id: '0190a5f0-0000-7000-8000-000000000001',
      timestamp: '2024-05-01T10:00:00.000Z',
      source: 'checkout',
      subject: 'order-1',
      correlationId: 'flow-1',
      causationId: 'cause-1',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      datacontenttype: 'application/json',
      dataschema: 'https://example.com/order-shipped.json',
    };

    const event = OrderShipped(undefined, metadata);

    expect(event).toMatchObject(metadata);
  });

  it('lets the metadata source win over the default source', () => {
    const OrderRefunded = defineEvent('OrderRefunded', undefined, { source: 'billing' });

    const event = OrderRefunded(undefined, { source: 'support' });

    expect(event.source).toBe('support');
  });

  it('writes a Date timestamp as ISO 8601 UTC with milliseconds', () => {
    const event = OrderShipped(undefined, { timestamp: new Date(Date.UTC(2024, 4, 1, 10)) });

    expect(event.timestamp).toBe('2024-05-01T10:00:00.000Z');
  });

  // SPEC §2: timestamp is ISO 8601 UTC with millisecond precision; stores must hand back what was saved.
  it('writes a string timestamp with an offset as ISO 8601 UTC with milliseconds', () => {
    const event = OrderShipped(undefined, { timestamp: '2024-05-01T12:00:00+02:00' });

    expect(event.timestamp).toBe('2024-05-01T10:00:00.000Z');
  });

  it('rejects a timestamp that is not a date with a ValidationError naming timestamp', () => {
    const error = caughtError(() => OrderShipped(undefined, { timestamp: 'yesterday' }));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'timestamp', value: 'yesterday' });
  });

  it('rejects an invalid Date timestamp with a ValidationError naming timestamp', () => {
    const error = caughtError(() => OrderShipped(undefined, { timestamp: new Date(Number.NaN) }));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'timestamp' });
  });

  it('freezes the message', () => {
    const event = OrderPlaced({ orderId: 'o-1', placedAt: '2024-05-01T10:00:00.000Z' });

    expect(Object.isFrozen(event)).toBe(true);
  });

  it('freezes the data deeply', () => {
    const ItemsAdded = defineEvent('ItemsAdded', payload<{ items: { sku: string }[] }>());

    const event = ItemsAdded({ items: [{ sku: 'a' }] });

    expect(Object.isFrozen(event.data)).toBe(true);
    expect(Object.isFrozen(event.data.items)).toBe(true);
    expect(Object.isFrozen(event.data.items[0])).toBe(true);
  });

  it('runs the data through the codec, so a Date becomes its ISO string', () => {
    const event = OrderPlaced({ orderId: 'o-1', placedAt: new Date(Date.UTC(2024, 4, 1)) });

    expect(event.data.placedAt).toBe('2024-05-01T00:00:00.000Z');
  });

  it('leaves the input data unchanged', () => {
    const input = { orderId: 'o-1', placedAt: new Date(0) };

    OrderPlaced(input);

    expect(input.placedAt).toBeInstanceOf(Date);
    expect(Object.isFrozen(input)).toBe(false);
  });

  it('rejects data that cannot round-trip through JSON with a SerializationError at its path', () => {
    const error = caughtError(() => PlaceOrder({ orderId: 'o-1', totalAmount: Number.NaN }));

    expect(error).toBeInstanceOf(SerializationError);
    expect(error).toMatchObject({ path: 'data.totalAmount' });
  });
});

describe('MessageFactory.is', () => {
  it('recognises a message of its own type and kind', () => {
    const event = OrderShipped();

    expect(OrderShipped.is(event)).toBe(true);
  });

  it('rejects a message of another type', () => {
    const event = OrderPlaced({ orderId: 'o-1', placedAt: '2024-05-01T10:00:00.000Z' });

    expect(OrderShipped.is(event)).toBe(false);
  });

  it('rejects a message of the same type but another kind', () => {
    const ShipOrder = defineCommand('OrderShipped');

    const command = ShipOrder();

    expect(OrderShipped.is(command)).toBe(false);
  });

  it.each([null, undefined, 'OrderShipped', { type: 'OrderShipped' }])('rejects %o', (value) => {
    expect(OrderShipped.is(value)).toBe(false);
  });
});
