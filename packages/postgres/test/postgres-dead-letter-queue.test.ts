// PostgresDeadLetterQueue beyond the shared suite: the stored message comes back as what was enqueued.
import { defineEvent, payload, storedEventOf } from '@orchestrix/core';
import { RecordingBus } from '@orchestrix/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PostgreSQLEventStore } from '../src/index';
import { dropSchema, testPool, truncate, uniqueSchemaName } from './support/test-database';

const OrderPlaced = defineEvent('OrderPlaced', payload<{ orderId: string; placedAt: Date; lines: string[] }>());

const pool = testPool(4);
const schema = uniqueSchemaName('dead_letters');
const store = new PostgreSQLEventStore({ pool, schema });
const queue = store.deadLetters();

beforeAll(async () => {
  await store.initialize();
});

beforeEach(async () => {
  await truncate(pool, schema);
});

afterAll(async () => {
  await dropSchema(pool, schema);
  await pool.end();
});

function failedAt(): string {
  return '2026-03-04T05:06:07.089Z';
}

describe('PostgresDeadLetterQueue', () => {
  it('hands back a message with all its metadata, equal to the one enqueued', async () => {
    const message = OrderPlaced(
      { orderId: 'order-1', placedAt: new Date('2026-01-02T03:04:05.006Z'), lines: ['a', 'b'] },
      { correlationId: 'correlation-1', causationId: 'cause-1', subject: 'orders', traceId: 'a'.repeat(32) },
    );

    const stored = await queue.enqueue({
      message,
      handlerName: 'billing',
      attempts: 2,
      error: { name: 'TypeError', message: 'card declined', code: 'DECLINED' },
      failedAt: failedAt(),
    });

    expect((await queue.get(stored.id))?.message).toStrictEqual(message);
  });

  it('keeps a dead-lettered stored event a stored event, its position a bigint', async () => {
    const event = storedEventOf(
      OrderPlaced({ orderId: 'order-1', placedAt: new Date(0), lines: [] }),
      'order-1',
      3,
      2n ** 60n,
    );

    const stored = await queue.enqueue({
      message: event,
      handlerName: 'orders-view',
      attempts: 1,
      error: { name: 'Error', message: 'boom' },
      failedAt: failedAt(),
    });

    expect(stored.message).toStrictEqual(event);
  });

  it('redrives a letter through a bus to its handler, which receives the message as enqueued', async () => {
    const bus = new RecordingBus();
    const received: unknown[] = [];
    bus.subscribe(OrderPlaced, (event) => received.push(event), { name: 'billing' });
    const message = OrderPlaced({ orderId: 'order-1', placedAt: new Date(0), lines: ['a'] });
    await queue.enqueue({
      message,
      handlerName: 'billing',
      attempts: 3,
      error: { name: 'Error', message: 'down' },
      failedAt: failedAt(),
    });

    const result = await queue.redrive(bus);

    expect(result).toEqual({ succeeded: 1, failed: 0 });
    expect(received).toStrictEqual([message]);
    expect(await queue.count()).toBe(0);
  });
});
