import { FixedDelay, getLogger, type Message, type Metrics } from '@orchestrix/core';
import { RecordingTracer, recordingMetrics } from '@orchestrix/testing';
import { describe, expect, it } from 'vitest';
import { InMemoryDeadLetterQueue } from '../src/dead-letter/in-memory-dead-letter-queue';
import { BUSES, CreateOrder, OrderCreated } from './buses';
import { FakeClock } from './fake-clock';

const PARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe.each(BUSES)('%s observability hooks', (_name, createBus) => {
  it('starts one consumer span per handler, named after the message, parented by its traceparent', async () => {
    const tracer = new RecordingTracer();
    const bus = createBus({ tracer });
    bus.subscribe(CreateOrder, () => undefined, { name: 'create-order' });
    bus.subscribe(OrderCreated, () => undefined, { name: 'projection' });

    await bus.publish(CreateOrder({ orderId: 'order-1' }, { traceparent: PARENT }));
    await bus.publish(OrderCreated({ orderId: 'order-1' }));

    expect(tracer.spans).toMatchObject([
      { name: 'handle_command:CreateOrder', options: { kind: 'consumer', parent: PARENT }, ended: true },
      { name: 'process_event:OrderCreated', options: { kind: 'consumer' }, ended: true },
    ]);
    expect(tracer.spans[1]?.options?.parent).toBeUndefined();
  });

  it('gives messages created in a handler the trace of the handler span', async () => {
    const tracer = new RecordingTracer();
    const bus = createBus({ tracer });
    const created: Message[] = [];
    bus.subscribe(CreateOrder, (command) => {
      created.push(OrderCreated({ orderId: command.data.orderId }));
    });

    await bus.publish(CreateOrder({ orderId: 'order-1' }, { traceparent: PARENT }));

    expect(created[0]).toMatchObject({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      traceparent: tracer.spans[0]?.traceparent,
    });
  });

  it('records the final error on the span and ends it', async () => {
    const tracer = new RecordingTracer();
    const bus = createBus({ tracer });
    const failure = new Error('projection broke');
    bus.subscribe(OrderCreated, () => Promise.reject(failure));

    await bus.publish(OrderCreated({ orderId: 'order-1' })).catch(() => undefined);

    expect(tracer.spans).toMatchObject([{ errors: [failure], ended: true }]);
  });

  it('reports each handler attempt, each publish and each dead letter to the metrics', async () => {
    const metrics = recordingMetrics();
    const bus = createBus({
      metrics,
      retry: new FixedDelay({ maxRetries: 1, delayMs: 0 }),
      deadLetterQueue: new InMemoryDeadLetterQueue(),
      clock: new FakeClock(),
    });
    bus.subscribe(OrderCreated, () => Promise.reject(new Error('boom')), { name: 'mailer' });

    await bus.publish(OrderCreated({ orderId: 'order-1' }));

    const handled = { kind: 'event', messageType: 'OrderCreated', handlerName: 'mailer', status: 'error' };
    expect(metrics.samples).toEqual([
      { hook: 'messageHandled', sample: { ...handled, durationMs: expect.any(Number) } },
      { hook: 'messageHandled', sample: { ...handled, durationMs: expect.any(Number) } },
      { hook: 'deadLettered', sample: { messageType: 'OrderCreated', handlerName: 'mailer' } },
      {
        hook: 'messagePublished',
        sample: { kind: 'event', messageType: 'OrderCreated', status: 'success', durationMs: expect.any(Number) },
      },
    ]);
  });

  it('reports a failed publish with status error', async () => {
    const metrics: Metrics & { statuses: string[] } = {
      statuses: [],
      messagePublished(sample) {
        this.statuses.push(sample.status);
      },
    };
    const bus = createBus({ metrics });
    bus.subscribe(OrderCreated, () => Promise.reject(new Error('boom')));

    await bus.publish(OrderCreated({ orderId: 'order-1' })).catch(() => undefined);
    await bus.publish(CreateOrder({ orderId: 'order-1' })).catch(() => undefined);

    expect(metrics.statuses).toEqual(['error', 'error']);
  });

  it('logs a dead letter as a warning naming the handler', async () => {
    const lines: string[] = [];
    const logger = getLogger('bus', { write: (line) => lines.push(line), level: 'warn', clock: new FakeClock() });
    const bus = createBus({ logger, deadLetterQueue: new InMemoryDeadLetterQueue() });
    bus.subscribe(OrderCreated, () => Promise.reject(new Error('boom')), { name: 'mailer' });

    await bus.publish(OrderCreated({ orderId: 'order-1' }));

    expect(lines.map((line) => JSON.parse(line) as unknown)).toMatchObject([
      { level: 'warn', messageType: 'OrderCreated', handlerName: 'mailer', attempts: 1 },
    ]);
  });
});
