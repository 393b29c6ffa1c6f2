import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { runInMessageContext, ValidationError } from '@orchestrix/core';
import { InMemoryMessageBus } from '@orchestrix/memory';
import { JaegerTracer, type TracingConfig } from '@orchestrix/observability';
import { describe, expect, it } from 'vitest';
import { inMemoryTracing, parentIdOf, traceparentOf } from './support/in-memory-tracing';
import { PlaceOrder } from './support/order';

const HTTP_REQUEST = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('JaegerTracer', () => {
  it('nests span() calls: the inner span is a child of the outer one, in its trace', async () => {
    const { tracer, spanNamed } = inMemoryTracing();

    await tracer.span('outer', {}, () => tracer.span('inner', {}, async () => undefined));

    const outer = spanNamed('outer');
    const inner = spanNamed('inner');
    expect(parentIdOf(outer)).toBeUndefined();
    expect(parentIdOf(inner)).toBe(outer.spanContext().spanId);
    expect(inner.spanContext().traceId).toBe(outer.spanContext().traceId);
  });

  it('returns what the function returns, whether it is synchronous or not, and records the attributes', async () => {
    const { tracer, spanNamed } = inMemoryTracing();

    const total = await tracer.span('price_order', { 'order.items': 3 }, () => 42);
    const shipped = await tracer.span('ship_order', {}, async () => 'shipped');

    expect([total, shipped]).toEqual([42, 'shipped']);
    expect(spanNamed('price_order').attributes).toEqual({ 'order.items': 3 });
    expect(spanNamed('price_order').kind).toBe(SpanKind.INTERNAL);
  });

  it('starts a span with a parent traceparent as that span’s child, in its trace', () => {
    const { tracer, spanNamed } = inMemoryTracing();

    tracer.startSpan('handle_command:PlaceOrder', { kind: 'consumer', parent: HTTP_REQUEST }).end();

    const span = spanNamed('handle_command:PlaceOrder');
    expect(span.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(parentIdOf(span)).toBe('b7ad6b7169203331');
    expect(span.kind).toBe(SpanKind.CONSUMER);
  });

  it('gives a started span the W3C traceparent and trace id of the new span', () => {
    const { tracer, spanNamed } = inMemoryTracing();

    const started = tracer.startSpan('work');
    started.end();

    expect(started.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(started.traceparent).toBe(traceparentOf(spanNamed('work')));
    expect(started.traceId).toBe(spanNamed('work').spanContext().traceId);
  });

  it('makes a message created inside span() carry the span’s traceparent and trace id', async () => {
    const { tracer, spanNamed } = inMemoryTracing();

    const command = await tracer.span('http_request', {}, () => PlaceOrder({ orderId: 'order-1', totalAmount: 10 }));

    expect(command.traceparent).toBe(traceparentOf(spanNamed('http_request')));
    expect(command.traceId).toBe(spanNamed('http_request').spanContext().traceId);
  });

  it('marks a failed span as an error, records the exception, and rethrows the error', async () => {
    const { tracer, spanNamed } = inMemoryTracing();
    const failure = new ValidationError('orderId', '', 'orderId cannot be empty');

    const outcome = tracer.spanCommand('PlaceOrder', 'order-1', () => {
      throw failure;
    });

    await expect(outcome).rejects.toBe(failure);
    const span = spanNamed('handle_command:PlaceOrder');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes['error.type']).toBe('VALIDATION');
    expect(span.events).toMatchObject([
      { name: 'exception', attributes: { 'exception.type': 'VALIDATION', 'exception.message': failure.message } },
    ]);
    expect(span.ended).toBe(true);
  });

  it('records a rejected promise and a thrown non-error value too', async () => {
    const { tracer, spanNamed } = inMemoryTracing();

    await expect(tracer.span('async', {}, async () => Promise.reject(new TypeError('bad')))).rejects.toThrow(TypeError);
    await expect(
      tracer.span('odd', {}, () => {
        throw 'no stock';
      }),
    ).rejects.toBe('no stock');

    expect(spanNamed('async').events[0]?.attributes).toMatchObject({ 'exception.type': 'TypeError' });
    expect(spanNamed('odd').events[0]?.attributes).toMatchObject({ 'exception.message': 'no stock' });
    expect(spanNamed('odd').status.code).toBe(SpanStatusCode.ERROR);
  });

  it('names command, event and saga spans as the SPEC does, with messaging attributes', async () => {
    const { tracer, spanNamed } = inMemoryTracing();

    await tracer.spanCommand('PlaceOrder', 'order-1', () => undefined);
    await tracer.spanEvent('OrderPlaced', 'event-1', 'order-1', () => undefined);
    await tracer.spanSaga('OrderSaga', 'saga-1', () => undefined);

    expect(spanNamed('handle_command:PlaceOrder')).toMatchObject({
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'orchestrix',
        'messaging.operation.type': 'process',
        'messaging.destination.name': 'PlaceOrder',
        'orchestrix.aggregate.id': 'order-1',
      },
    });
    expect(spanNamed('process_event:OrderPlaced')).toMatchObject({
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'orchestrix',
        'messaging.operation.type': 'process',
        'messaging.message.id': 'event-1',
        'messaging.destination.name': 'OrderPlaced',
        'orchestrix.aggregate.id': 'order-1',
      },
    });
    expect(spanNamed('execute_saga:OrderSaga').attributes).toEqual({
      'orchestrix.saga.type': 'OrderSaga',
      'orchestrix.saga.id': 'saga-1',
    });
  });

  it('starts a span without a parent under the active span()', async () => {
    const { tracer, spanNamed } = inMemoryTracing();

    await tracer.span('outer', {}, () => tracer.startSpan('save_aggregate:Order').end());

    expect(parentIdOf(spanNamed('save_aggregate:Order'))).toBe(spanNamed('outer').spanContext().spanId);
  });

  it('starts a span without a parent under the traceparent of the message being handled', () => {
    const { tracer, spanNamed } = inMemoryTracing();
    const command = PlaceOrder({ orderId: 'order-1', totalAmount: 10 }, { traceparent: HTTP_REQUEST });

    runInMessageContext(command, () => tracer.startSpan('load_aggregate:Order').end());

    expect(spanNamed('load_aggregate:Order').spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(parentIdOf(spanNamed('load_aggregate:Order'))).toBe('b7ad6b7169203331');
  });

  it('nests a span() inside a bus handler under the handler’s span, not under the publisher’s', async () => {
    const { tracer, spanNamed } = inMemoryTracing();
    const bus = new InMemoryMessageBus({ tracer });
    bus.subscribe(PlaceOrder, () => tracer.span('charge_card', {}, async () => undefined));

    await tracer.span('http_request', {}, () => bus.publish(PlaceOrder({ orderId: 'order-1', totalAmount: 10 })));

    const handler = spanNamed('handle_command:PlaceOrder');
    expect(parentIdOf(handler)).toBe(spanNamed('http_request').spanContext().spanId);
    expect(parentIdOf(spanNamed('charge_card'))).toBe(handler.spanContext().spanId);
  });

  it('ignores an invalid parent traceparent and starts the span under the current one', async () => {
    const { tracer, spanNamed } = inMemoryTracing();

    await tracer.span('outer', {}, () => tracer.startSpan('child', { parent: 'not-a-traceparent' }).end());

    expect(parentIdOf(spanNamed('child'))).toBe(spanNamed('outer').spanContext().spanId);
  });

  it('reports the trace id of the current span, and none outside any span', async () => {
    const { tracer, spanNamed } = inMemoryTracing();

    const inside = await tracer.span('work', {}, () => tracer.getTraceId());

    expect(inside).toBe(spanNamed('work').spanContext().traceId);
    expect(tracer.getTraceId()).toBeUndefined();
  });

  it('sets attributes and adds events on the current span, and ignores them outside any span', async () => {
    const { tracer, spanNamed } = inMemoryTracing();

    await tracer.span('work', {}, async () => {
      tracer.setAttribute('order.id', 'order-1');
      tracer.addEvent('stock_checked', { 'stock.available': true });
    });
    tracer.setAttribute('ignored', true);
    tracer.addEvent('ignored');

    expect(spanNamed('work').attributes).toEqual({ 'order.id': 'order-1' });
    expect(spanNamed('work').events).toMatchObject([
      { name: 'stock_checked', attributes: { 'stock.available': true } },
    ]);
  });

  it('sets attributes on a bus handler’s span from inside the handler', async () => {
    const { tracer, spanNamed } = inMemoryTracing();
    const bus = new InMemoryMessageBus({ tracer });
    bus.subscribe(PlaceOrder, () => tracer.setAttribute('order.total', 10));

    await bus.publish(PlaceOrder({ orderId: 'order-1', totalAmount: 10 }));

    expect(spanNamed('handle_command:PlaceOrder').attributes).toMatchObject({ 'order.total': 10 });
  });

  it('rejects a config that is not a TracingConfig', () => {
    const options = { serviceName: 'order-service' } as unknown as TracingConfig;

    expect(() => new JaegerTracer(options)).toThrowError(
      expect.objectContaining({ code: 'VALIDATION', field: 'config' }),
    );
  });
});
