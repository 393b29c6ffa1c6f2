// `observe(hooks)` attaches metrics and a tracer to an already-built bus, as AggregateRepository,
// ProjectionRunner and Saga allow: what @orchestrix/observability's instrumentBus relies on to count dead letters.
import { RecordingTracer, recordingMetrics } from '@orchestrix/testing';
import { describe, expect, it } from 'vitest';
import { InMemoryDeadLetterQueue } from '../src/dead-letter/in-memory-dead-letter-queue';
import { InMemoryAsyncMessageBus } from '../src/message-bus/in-memory-async-message-bus';
import { InMemoryMessageBus } from '../src/message-bus/in-memory-message-bus';
import { OrderCreated } from './buses';

const BUS_CLASSES = [
  ['InMemoryMessageBus', InMemoryMessageBus],
  ['InMemoryAsyncMessageBus', InMemoryAsyncMessageBus],
] as const;

describe.each(BUS_CLASSES)('%s.observe', (_name, Bus) => {
  it('returns the bus itself', () => {
    const bus = new Bus();

    expect(bus.observe({ metrics: recordingMetrics() })).toBe(bus);
  });

  it('makes a bus built without hooks open consumer spans and report handlers and publishes', async () => {
    const bus = new Bus();
    bus.subscribe(OrderCreated, () => undefined, { name: 'projection' });
    const tracer = new RecordingTracer();
    const metrics = recordingMetrics();

    bus.observe({ metrics, tracer });
    await bus.publish(OrderCreated({ orderId: 'order-1' }));

    expect(tracer.spans).toMatchObject([{ name: 'process_event:OrderCreated', ended: true }]);
    expect(metrics.samples.map((sample) => sample.hook)).toEqual(['messageHandled', 'messagePublished']);
  });

  it('counts dead letters with a deadLettered hook alone, and nothing else', async () => {
    const bus = new Bus({ deadLetterQueue: new InMemoryDeadLetterQueue() });
    bus.subscribe(OrderCreated, () => Promise.reject(new Error('mail server down')), { name: 'mailer' });
    const deadLetters: { messageType: string; handlerName: string }[] = [];

    bus.observe({ metrics: { deadLettered: (sample) => deadLetters.push(sample) } });
    await bus.publish(OrderCreated({ orderId: 'order-1' }));

    expect(deadLetters).toEqual([{ messageType: 'OrderCreated', handlerName: 'mailer' }]);
  });

  it('replaces the hooks the bus was built with and keeps a hook left out', async () => {
    const built = recordingMetrics();
    const tracer = new RecordingTracer();
    const bus = new Bus({ metrics: built, tracer });
    bus.subscribe(OrderCreated, () => undefined, { name: 'projection' });
    const observed = recordingMetrics();

    bus.observe({ metrics: observed });
    await bus.publish(OrderCreated({ orderId: 'order-1' }));

    expect(built.samples).toEqual([]);
    expect(observed.samples.map((sample) => sample.hook)).toEqual(['messageHandled', 'messagePublished']);
    expect(tracer.spans.map((span) => span.name)).toEqual(['process_event:OrderCreated']);
  });

  it('traces a delivery to one named handler once observed', async () => {
    const bus = new Bus();
    bus.subscribe(OrderCreated, () => undefined, { name: 'projection' });
    const tracer = new RecordingTracer();

    bus.observe({ tracer });
    await bus.deliverTo('projection', OrderCreated({ orderId: 'order-1' }));

    expect(tracer.spans.map((span) => span.name)).toEqual(['process_event:OrderCreated']);
  });
});
