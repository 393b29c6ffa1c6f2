// The PostgreSQL store's own `tracer` option: an `event_store.<operation>` client span per call made inside a
// traced flow, with db.system.name postgresql, and none for calls outside any flow (SPEC §10).
import { defineEvent, payload, runInMessageContext } from '@orchestrix/core';
import { RecordingTracer } from '@orchestrix/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgreSQLEventStore } from '../src/index';
import { dropSchema, testPool, uniqueSchemaName } from './support/test-database';

const ItemAdded = defineEvent('ItemAdded', payload<{ sku: string }>());
const PARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

const pool = testPool(2);
const schema = uniqueSchemaName('tracing');
const tracer = new RecordingTracer();
const store = new PostgreSQLEventStore({ pool, schema, tracer });

beforeAll(async () => {
  await store.initialize();
});

afterAll(async () => {
  await dropSchema(pool, schema);
  await pool.end();
});

describe('PostgreSQLEventStore with a tracer', () => {
  it('opens client spans inside a traced flow only, failures recorded', async () => {
    await store.save('cart-0', [ItemAdded({ sku: 'a' })]);
    expect(tracer.spans).toEqual([]);

    const parent = ItemAdded({ sku: 'parent' }, { traceparent: PARENT });
    await runInMessageContext(parent, async () => {
      await store.save('cart-1', [ItemAdded({ sku: 'b' })]);
      await store.load('cart-1');
      await store.save('cart-1', [ItemAdded({ sku: 'c' })], 0).catch(() => undefined);
    });

    expect(tracer.spans.map((span) => span.name)).toEqual(['event_store.save', 'event_store.load', 'event_store.save']);
    expect(tracer.spans[0]?.options).toMatchObject({
      kind: 'client',
      parent: PARENT,
      attributes: { 'db.system.name': 'postgresql', 'db.operation.name': 'save' },
    });
    expect(tracer.spans[2]?.errors).toHaveLength(1);
    expect(tracer.spans.every((span) => span.ended)).toBe(true);
  });
});
