import { ConcurrencyError, type EventStore, runInMessageContext, type StoredEvent, traced } from '@orchestrix/core';
import { InMemoryEventStore } from '@orchestrix/memory';
import { instrumentEventStore } from '@orchestrix/observability';
import { RecordingTracer, recordingMetrics } from '@orchestrix/testing';
import { describe, expect, it } from 'vitest';
import { HTTP_REQUEST, OrderPlaced, PlaceOrder } from './support/messages';

const REQUEST = PlaceOrder({ orderId: 'order-1' }, { traceparent: HTTP_REQUEST });

/** An EventStore with only the required members, as a third-party store might be. */
function minimalStore(store: InMemoryEventStore): EventStore {
  return {
    save: (streamId, events, expectedVersion) => store.save(streamId, events, expectedVersion),
    load: (streamId, fromVersion) => store.load(streamId, fromVersion),
    loadByTrace: (traceId) => store.loadByTrace(traceId),
    readAll: (options) => store.readAll(options),
    streamVersion: (streamId) => store.streamVersion(streamId),
  };
}

describe('instrumentEventStore', () => {
  it('returns a store of the same class that stores and reads as the store does', async () => {
    const store = instrumentEventStore(new InMemoryEventStore(), { tracer: new RecordingTracer() });
    const event = OrderPlaced({ orderId: 'order-1' });

    const result = await store.save('order-1', [event], 0);

    expect(store).toBeInstanceOf(InMemoryEventStore);
    expect(result).toMatchObject({ nextExpectedVersion: 1, lastPosition: 1n });
    expect(await store.load('order-1')).toEqual(result.events);
    expect(result.events[0]).toMatchObject({ id: event.id, version: 1 });
  });

  it('opens a client span per operation, named after the storage operation', async () => {
    const tracer = new RecordingTracer();
    const store = instrumentEventStore(new InMemoryEventStore(), { tracer, dbSystem: 'memory' });
    await store.save('order-1', [OrderPlaced({ orderId: 'order-1' })], 0);

    await store.load('order-1', 0);
    await store.loadByTrace('4bf92f3577b34da6a3ce929d0e0e4736');
    await store.readAll({ after: 0n, limit: 10, types: ['OrderPlaced'] });
    await store.streamVersion('order-1');
    await store.countAfter(0n);
    await store.saveSnapshot({
      aggregateId: 'order-1',
      aggregateType: 'Order',
      version: 1,
      state: {},
      timestamp: new Date().toISOString(),
      schemaVersion: 1,
    });
    await store.loadSnapshot('order-1');

    expect(tracer.spans.map((span) => span.name)).toEqual([
      'event_store.save',
      'event_store.load',
      'event_store.load_by_trace',
      'event_store.read_all',
      'event_store.stream_version',
      'event_store.count_after',
      'event_store.save_snapshot',
      'event_store.load_snapshot',
    ]);
    expect(tracer.spans.every((span) => span.options?.kind === 'client' && span.ended)).toBe(true);
    expect(tracer.spans[0]?.options?.attributes).toEqual({
      'db.operation.name': 'save',
      'db.system.name': 'memory',
      'orchestrix.stream_id': 'order-1',
      'orchestrix.event_count': 1,
      'orchestrix.expected_version': 0,
    });
    expect(tracer.spans[3]?.options?.attributes).toMatchObject({
      'orchestrix.position.after': '0',
      'orchestrix.limit': 10,
      'orchestrix.types': 'OrderPlaced',
    });
  });

  it('reports storageOperation per operation with the number of events written', async () => {
    const metrics = recordingMetrics();
    const store = instrumentEventStore(new InMemoryEventStore(), { metrics });

    await store.save('order-1', [OrderPlaced({ orderId: 'order-1' }), OrderPlaced({ orderId: 'order-1' })]);
    await store.readAll();

    expect(metrics.samples).toMatchObject([
      { hook: 'storageOperation', sample: { operation: 'save', status: 'success', eventCount: 2 } },
      { hook: 'storageOperation', sample: { operation: 'read_all', status: 'success', eventCount: 0 } },
    ]);
  });

  it('records a failure on the span and in metrics, and rejects with the store error', async () => {
    const tracer = new RecordingTracer();
    const metrics = recordingMetrics();
    const store = instrumentEventStore(new InMemoryEventStore(), { tracer, metrics });
    await store.save('order-1', [OrderPlaced({ orderId: 'order-1' })]);

    const error = await store.save('order-1', [OrderPlaced({ orderId: 'order-1' })], 0).catch((rejection) => rejection);

    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ streamId: 'order-1', expectedVersion: 0, actualVersion: 1 });
    expect(tracer.spans[1]?.errors).toEqual([error]);
    expect(metrics.samples[1]?.sample).toMatchObject({ operation: 'save', status: 'error' });
  });

  it('stores events without trace context, appended under a context, as copies carrying it', async () => {
    const tracer = new RecordingTracer();
    const store = instrumentEventStore(new InMemoryEventStore(), { tracer });
    const event = OrderPlaced({ orderId: 'order-1' });

    const result = await runInMessageContext(REQUEST, () => store.save('order-1', [event]));

    expect(result.events[0]).toMatchObject({ traceId: '0af7651916cd43dd8448eb211c80319c', traceparent: HTTP_REQUEST });
    expect(event.traceparent).toBeUndefined();
    expect(await store.loadByTrace('0af7651916cd43dd8448eb211c80319c')).toEqual(result.events);
  });

  it('stores the traceparent of the traced span the append runs in', async () => {
    const tracer = new RecordingTracer();
    const store = instrumentEventStore(new InMemoryEventStore(), { tracer });
    const event = OrderPlaced({ orderId: 'order-1' });

    const result = await traced(tracer, 'save_aggregate:Order', {}, () => store.save('order-1', [event]));

    expect(result.events[0]?.traceparent).toBe(tracer.spans[0]?.traceparent);
    expect(tracer.spans[1]?.options?.parent).toBe(tracer.spans[0]?.traceparent);
  });

  it('stores events as given outside any context or when they carry a traceparent', async () => {
    const store = instrumentEventStore(new InMemoryEventStore(), { tracer: new RecordingTracer() });
    const outside = OrderPlaced({ orderId: 'order-1' });
    const carrying = OrderPlaced(
      { orderId: 'order-1' },
      { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00000000000000aa-01' },
    );

    await store.save('order-1', [outside]);
    await runInMessageContext(REQUEST, () => store.save('order-1', [carrying]));

    const stored = await store.load('order-1');
    expect(stored.map((event: StoredEvent) => event.traceparent)).toEqual([undefined, carrying.traceparent]);
  });

  it('starts spans only under a trace context when asked to, and measures every operation', async () => {
    const tracer = new RecordingTracer();
    const metrics = recordingMetrics();
    const store = instrumentEventStore(new InMemoryEventStore(), { tracer, metrics, requireParentSpan: true });

    await store.readAll();
    await runInMessageContext(REQUEST, () => store.readAll());

    expect(tracer.spans).toMatchObject([{ name: 'event_store.read_all', options: { parent: HTTP_REQUEST } }]);
    expect(metrics.samples).toHaveLength(2);
  });

  it('offers countAfter, onAppend and the snapshot methods only when the store has them', () => {
    const full = instrumentEventStore(new InMemoryEventStore(), {});
    const minimal = instrumentEventStore(minimalStore(new InMemoryEventStore()), {});

    expect(['countAfter', 'onAppend', 'saveSnapshot', 'loadSnapshot'].map((member) => member in full)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['countAfter', 'onAppend', 'saveSnapshot', 'loadSnapshot'].map((member) => member in minimal)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(minimal.countAfter).toBeUndefined();
  });

  it('passes onAppend through, so runners still wake on appends', async () => {
    const store = instrumentEventStore(new InMemoryEventStore(), { tracer: new RecordingTracer() });
    const positions: bigint[] = [];
    const stop = store.onAppend((lastPosition) => positions.push(lastPosition));

    await store.save('order-1', [OrderPlaced({ orderId: 'order-1' })]);
    stop();
    await store.save('order-1', [OrderPlaced({ orderId: 'order-1' })]);

    expect(positions).toEqual([1n]);
  });

  it('rejects an invalid call with the error of the store', async () => {
    const plain = new InMemoryEventStore();
    const store = instrumentEventStore(new InMemoryEventStore(), { tracer: new RecordingTracer() });

    const expected = await plain.save('', [OrderPlaced({ orderId: 'order-1' })]).catch((rejection) => rejection);
    const error = await store.save('', [OrderPlaced({ orderId: 'order-1' })]).catch((rejection) => rejection);

    expect(error).toBeInstanceOf(expected.constructor);
    expect(error).toMatchObject({ code: expected.code, field: expected.field });
  });
});
