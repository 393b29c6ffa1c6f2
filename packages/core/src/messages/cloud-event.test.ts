import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error';
import { caughtError } from '../internal/caught-error';
import { fromCloudEvent, toCloudEvent } from './cloud-event';
import { defineCommand, defineEvent, payload } from './define-message';

const OrderPlaced = defineEvent('OrderPlaced', payload<{ orderId: string; totalAmount: number }>(), {
  source: 'shop',
  schemaVersion: 2,
});
const PlaceOrder = defineCommand('PlaceOrder', payload<{ orderId: string }>());
const Ping = defineEvent('Ping', payload<null>());

const TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

const fullMetadata = {
  subject: 'order-1',
  datacontenttype: 'application/json',
  dataschema: 'https://example.com/order-placed.json',
  correlationId: 'flow-1',
  causationId: 'cause-1',
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  traceparent: TRACEPARENT,
};

const foreignEvent = {
  specversion: '1.0',
  id: 'a-1',
  source: '/inventory',
  type: 'com.example.stock.reserved',
  time: '2024-05-01T10:00:00Z',
  data: { sku: 'a' },
};

describe('toCloudEvent', () => {
  it('writes the CloudEvents 1.0 context attributes', () => {
    const event = OrderPlaced({ orderId: 'o-1', totalAmount: 5 }, fullMetadata);

    const cloudEvent = toCloudEvent(event);

    expect(cloudEvent).toMatchObject({
      specversion: '1.0',
      id: event.id,
      source: 'shop',
      type: 'OrderPlaced',
      time: event.timestamp,
      subject: 'order-1',
      datacontenttype: 'application/json',
      dataschema: 'https://example.com/order-placed.json',
      data: { orderId: 'o-1', totalAmount: 5 },
    });
  });

  it('writes the Orchestrix extension attributes', () => {
    const event = OrderPlaced({ orderId: 'o-1', totalAmount: 5 }, fullMetadata);

    const cloudEvent = toCloudEvent(event);

    expect(cloudEvent).toMatchObject({
      correlationid: 'flow-1',
      causationid: 'cause-1',
      traceparent: TRACEPARENT,
      schemaversion: 2,
      orchestrixkind: 'event',
    });
  });

  it('leaves out extension attributes the message does not have', () => {
    const event = OrderPlaced({ orderId: 'o-1', totalAmount: 5 });

    const cloudEvent = toCloudEvent(event);

    expect(Object.keys(cloudEvent)).not.toContain('correlationid');
    expect(Object.keys(cloudEvent)).not.toContain('causationid');
    expect(Object.keys(cloudEvent)).not.toContain('traceparent');
  });

  it('returns a frozen object', () => {
    const cloudEvent = toCloudEvent(OrderPlaced({ orderId: 'o-1', totalAmount: 5 }));

    expect(Object.isFrozen(cloudEvent)).toBe(true);
  });
});

describe('fromCloudEvent', () => {
  it('round-trips an event with every attribute through JSON text', () => {
    const event = OrderPlaced({ orderId: 'o-1', totalAmount: 5 }, fullMetadata);

    const result = fromCloudEvent(JSON.stringify(toCloudEvent(event)));

    expect(result).toEqual(event);
  });

  it('round-trips a command, keeping its kind', () => {
    const command = PlaceOrder({ orderId: 'o-1' }, { datacontenttype: 'application/json' });

    const result = fromCloudEvent(JSON.stringify(toCloudEvent(command)));

    expect(result).toEqual(command);
  });

  it('round-trips a message without datacontenttype unchanged', () => {
    const event = OrderPlaced({ orderId: 'o-1', totalAmount: 5 });

    const result = fromCloudEvent(JSON.stringify(toCloudEvent(event)));

    expect(result).toEqual(event);
  });

  it('round-trips null data', () => {
    const event = Ping(null, { datacontenttype: 'application/json' });

    const result = fromCloudEvent(JSON.stringify(toCloudEvent(event)));

    expect(result.data).toBeNull();
  });

  it('reads a foreign event as an event of schema version 1', () => {
    const message = fromCloudEvent(foreignEvent);

    expect(message).toMatchObject({ kind: 'event', schemaVersion: 1, type: 'com.example.stock.reserved' });
  });

  it('writes the time as ISO 8601 UTC with milliseconds', () => {
    const message = fromCloudEvent({ ...foreignEvent, time: '2024-05-01T12:00:00+02:00' });

    expect(message.timestamp).toBe('2024-05-01T10:00:00.000Z');
  });

  it('returns a frozen message with deeply frozen data', () => {
    const message = fromCloudEvent({ ...foreignEvent, data: { items: [{ sku: 'a' }] } });

    expect(Object.isFrozen(message)).toBe(true);
    expect(Object.isFrozen((message.data as { items: object[] }).items[0])).toBe(true);
  });

  it.each([
    ['json', '{"specversion": '],
    ['json', '[1, 2]'],
    ['specversion', { ...foreignEvent, specversion: '0.3' }],
    ['orchestrixkind', { ...foreignEvent, orchestrixkind: 'query' }],
    ['schemaversion', { ...foreignEvent, schemaversion: 0 }],
    ['schemaversion', { ...foreignEvent, schemaversion: 1.5 }],
    ['time', { ...foreignEvent, time: undefined }],
    ['time', { ...foreignEvent, time: 'yesterday' }],
    ['type', { ...foreignEvent, type: '' }],
    ['id', { ...foreignEvent, id: 7 }],
    ['source', { ...foreignEvent, source: undefined }],
    ['subject', { ...foreignEvent, subject: 5 }],
    ['correlationid', { ...foreignEvent, correlationid: ['flow-1'] }],
  ])('rejects a malformed %s with a ValidationError naming it', (field, input) => {
    const error = caughtError(() => fromCloudEvent(input));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: 'VALIDATION', field });
  });
});
