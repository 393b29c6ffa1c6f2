import { FixedDelay, HandlerError, type Message, NoHandlerError, runInMessageContext, traced } from '@orchestrix/core';
import { InMemoryAsyncMessageBus, InMemoryMessageBus } from '@orchestrix/memory';
import { instrumentBus } from '@orchestrix/observability';
import { FakeClock, RecordingTracer, recordingMetrics } from '@orchestrix/testing';
import { describe, expect, it } from 'vitest';
import { HandlerBrokeError, HTTP_REQUEST, OrderPlaced, PlaceOrder } from './support/messages';

function spanNamed(tracer: RecordingTracer, name: string) {
  return tracer.spans.find((span) => span.name === name);
}

describe('instrumentBus', () => {
  it('returns a bus of the same class that delivers as the bus does', async () => {
    const bus = instrumentBus(new InMemoryMessageBus(), { tracer: new RecordingTracer() });
    const received: string[] = [];
    bus.subscribe(PlaceOrder, (command) => received.push(command.data.orderId));

    await bus.publish(PlaceOrder({ orderId: 'order-1' }));

    expect(bus).toBeInstanceOf(InMemoryMessageBus);
    expect(received).toEqual(['order-1']);
  });

  it('opens a publish producer span and a consumer span per handler, its child', async () => {
    const tracer = new RecordingTracer();
    const bus = instrumentBus(new InMemoryMessageBus(), { tracer });
    bus.subscribe(OrderPlaced, () => undefined, { name: 'audit' });
    const event = OrderPlaced({ orderId: 'order-1' }, { correlationId: 'correlation-1' });

    await bus.publish(event);

    expect(tracer.spans).toMatchObject([
      {
        name: 'publish:OrderPlaced',
        ended: true,
        options: {
          kind: 'producer',
          attributes: {
            'messaging.system': 'orchestrix',
            'messaging.operation.type': 'send',
            'messaging.destination.name': 'OrderPlaced',
            'messaging.message.id': event.id,
            'messaging.message.conversation_id': 'correlation-1',
          },
        },
      },
      {
        name: 'process_event:OrderPlaced',
        ended: true,
        options: {
          kind: 'consumer',
          parent: tracer.spans[0]?.traceparent,
          attributes: { 'messaging.operation.type': 'process', 'orchestrix.handler': 'audit' },
        },
      },
    ]);
  });

  it('names a command handler span handle_command and parents it on the message traceparent', async () => {
    const tracer = new RecordingTracer();
    const bus = instrumentBus(new InMemoryAsyncMessageBus(), { tracer });
    bus.subscribe(PlaceOrder, () => undefined);

    await bus.publish(PlaceOrder({ orderId: 'order-1' }, { traceparent: HTTP_REQUEST }));

    expect(spanNamed(tracer, 'publish:PlaceOrder')?.options?.parent).toBe(HTTP_REQUEST);
    expect(spanNamed(tracer, 'handle_command:PlaceOrder')?.options?.parent).toBe(HTTP_REQUEST);
  });

  it('reports messagePublished per publish and messageHandled per handler, named as the bus names them', async () => {
    const metrics = recordingMetrics();
    const bus = instrumentBus(new InMemoryMessageBus(), { metrics });
    class BillingPolicy {
      handle(): void {}
    }
    function sendReceipt(): void {}
    bus.subscribe(OrderPlaced, sendReceipt);
    bus.subscribe(OrderPlaced, new BillingPolicy());
    bus.subscribe(OrderPlaced, { handle: () => undefined });
    bus.subscribe(OrderPlaced, () => undefined, { name: 'audit' });

    await bus.publish(OrderPlaced({ orderId: 'order-1' }));

    expect(metrics.samples.map(({ hook, sample }) => [hook, sample.handlerName, sample.status])).toEqual([
      ['messageHandled', 'sendReceipt', 'success'],
      ['messageHandled', 'BillingPolicy', 'success'],
      ['messageHandled', 'anonymous', 'success'],
      ['messageHandled', 'audit', 'success'],
      ['messagePublished', undefined, 'success'],
    ]);
    expect(metrics.samples[4]?.sample).toMatchObject({ kind: 'event', messageType: 'OrderPlaced' });
  });

  it('records a failing handler on its span and metrics, and rejects with the bus error', async () => {
    const tracer = new RecordingTracer();
    const metrics = recordingMetrics();
    const bus = instrumentBus(new InMemoryMessageBus(), { tracer, metrics });
    const failure = new HandlerBrokeError();
    bus.subscribe(
      PlaceOrder,
      () => {
        throw failure;
      },
      { name: 'placeOrder' },
    );

    const error = await bus.publish(PlaceOrder({ orderId: 'order-1' })).catch((rejection: unknown) => rejection);

    expect(error).toBeInstanceOf(HandlerError);
    expect(error).toMatchObject({ handlerName: 'placeOrder', cause: failure });
    expect(spanNamed(tracer, 'handle_command:PlaceOrder')?.errors).toEqual([failure]);
    expect(spanNamed(tracer, 'publish:PlaceOrder')?.errors).toEqual([error]);
    expect(metrics.samples.map(({ hook, sample }) => [hook, sample.status])).toEqual([
      ['messageHandled', 'error'],
      ['messagePublished', 'error'],
    ]);
  });

  it('records NoHandlerError on the publish span and rejects with it', async () => {
    const tracer = new RecordingTracer();
    const bus = instrumentBus(new InMemoryMessageBus(), { tracer });

    const error = await bus.publish(PlaceOrder({ orderId: 'order-1' })).catch((rejection: unknown) => rejection);

    expect(error).toBeInstanceOf(NoHandlerError);
    expect(tracer.spans).toMatchObject([{ name: 'publish:PlaceOrder', errors: [error], ended: true }]);
  });

  it('makes messages a handler creates children of its span', async () => {
    const tracer = new RecordingTracer();
    const bus = instrumentBus(new InMemoryMessageBus(), { tracer });
    const created: Message[] = [];
    bus.subscribe(PlaceOrder, (command) => created.push(OrderPlaced({ orderId: command.data.orderId })));
    const command = PlaceOrder({ orderId: 'order-1' }, { correlationId: 'correlation-1' });

    await bus.publish(command);

    expect(created[0]).toMatchObject({
      traceparent: spanNamed(tracer, 'handle_command:PlaceOrder')?.traceparent,
      correlationId: 'correlation-1',
      causationId: command.id,
    });
  });

  it('publishes a message without a traceparent inside a context as a copy carrying the publish span', async () => {
    const tracer = new RecordingTracer();
    const bus = instrumentBus(new InMemoryMessageBus(), { tracer });
    const received: Message[] = [];
    bus.subscribe(OrderPlaced, (event) => received.push(event));
    const event = OrderPlaced({ orderId: 'order-1' });
    const request = PlaceOrder({ orderId: 'order-1' }, { traceparent: HTTP_REQUEST });

    await runInMessageContext(request, () => bus.publish(event));

    const publish = spanNamed(tracer, 'publish:OrderPlaced');
    expect(publish?.options?.parent).toBe(HTTP_REQUEST);
    expect(received[0]).toEqual({
      ...event,
      traceId: publish?.traceparent.split('-')[1],
      traceparent: publish?.traceparent,
    });
    expect(Object.isFrozen(received[0])).toBe(true);
    expect(event.traceparent).toBeUndefined();
    expect(spanNamed(tracer, 'process_event:OrderPlaced')?.options?.parent).toBe(publish?.traceparent);
  });

  it('parents the publish span on a traced span', async () => {
    const tracer = new RecordingTracer();
    const bus = instrumentBus(new InMemoryMessageBus(), { tracer });
    const received: Message[] = [];
    bus.subscribe(OrderPlaced, (event) => received.push(event));
    const event = OrderPlaced({ orderId: 'order-1' });

    await traced(tracer, 'http_request', {}, () => bus.publish(event));

    expect(spanNamed(tracer, 'publish:OrderPlaced')?.options?.parent).toBe(tracer.spans[0]?.traceparent);
    expect(received[0]?.traceparent).toBe(spanNamed(tracer, 'publish:OrderPlaced')?.traceparent);
  });

  it('writes the current trace context into the message when it has no tracer', async () => {
    const bus = instrumentBus(new InMemoryMessageBus(), { metrics: recordingMetrics() });
    const received: Message[] = [];
    bus.subscribe(OrderPlaced, (event) => received.push(event));
    const request = PlaceOrder({ orderId: 'order-1' }, { traceparent: HTTP_REQUEST });
    const event = OrderPlaced({ orderId: 'order-1' });

    await runInMessageContext(request, () => bus.publish(event));

    expect(received[0]).toMatchObject({ traceId: '0af7651916cd43dd8448eb211c80319c', traceparent: HTTP_REQUEST });
  });

  it('publishes a message unchanged outside any context or when it carries a traceparent', async () => {
    const bus = instrumentBus(new InMemoryMessageBus(), { tracer: new RecordingTracer() });
    const received: Message[] = [];
    bus.subscribe(OrderPlaced, (event) => received.push(event));
    const outside = OrderPlaced({ orderId: 'order-1' });
    const traced = OrderPlaced({ orderId: 'order-2' }, { traceparent: HTTP_REQUEST });
    const request = PlaceOrder({ orderId: 'order-3' }, { traceparent: HTTP_REQUEST });

    await bus.publish(outside);
    await runInMessageContext(request, () => bus.publish(traced));

    expect(received[0]).toBe(outside);
    expect(received[1]).toBe(traced);
  });

  it('traces and measures a delivery to one named handler, without a publish span', async () => {
    const tracer = new RecordingTracer();
    const metrics = recordingMetrics();
    const bus = instrumentBus(new InMemoryMessageBus(), { tracer, metrics });
    bus.subscribe(OrderPlaced, () => undefined, { name: 'audit' });
    bus.subscribe(OrderPlaced, () => undefined, { name: 'email' });

    await bus.deliverTo('email', OrderPlaced({ orderId: 'order-1' }, { traceparent: HTTP_REQUEST }));

    expect(tracer.spans).toMatchObject([
      {
        name: 'process_event:OrderPlaced',
        options: { parent: HTTP_REQUEST, attributes: { 'orchestrix.handler': 'email' } },
      },
    ]);
    expect(metrics.samples).toMatchObject([{ hook: 'messageHandled', sample: { handlerName: 'email' } }]);
  });

  it('traces and measures each attempt of a retried handler', async () => {
    const clock = new FakeClock();
    const tracer = new RecordingTracer();
    const metrics = recordingMetrics();
    const retry = new FixedDelay({ maxRetries: 1, delayMs: 0 });
    const bus = instrumentBus(new InMemoryMessageBus({ retry, clock }), { tracer, metrics });
    let calls = 0;
    bus.subscribe(PlaceOrder, () => {
      calls += 1;
      if (calls === 1) throw new HandlerBrokeError();
    });

    await bus.publish(PlaceOrder({ orderId: 'order-1' }));

    expect(tracer.spans.map((span) => [span.name, span.errors.length])).toEqual([
      ['publish:PlaceOrder', 0],
      ['handle_command:PlaceOrder', 1],
      ['handle_command:PlaceOrder', 0],
    ]);
    expect(metrics.samples.map(({ sample }) => sample.status)).toEqual(['error', 'success', 'success']);
  });

  it('keeps publishing when a metrics hook throws', async () => {
    const bus = instrumentBus(new InMemoryMessageBus(), {
      metrics: {
        messagePublished: () => {
          throw new Error('metrics backend down');
        },
      },
    });

    await expect(bus.publish(OrderPlaced({ orderId: 'order-1' }))).resolves.toBeUndefined();
  });

  it('passes an unusable handler to the bus, which rejects it as it would', () => {
    const bus = instrumentBus(new InMemoryMessageBus(), { tracer: new RecordingTracer() });

    const subscribe = (): unknown => bus.subscribe(OrderPlaced, {} as never);

    expect(subscribe).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });
});
