// Dead letters happen inside the bus, where no wrapper sees them: instrumentBus attaches a deadLettered hook
// through the bus's observe(), and only that hook, so dead_letters_total counts and nothing counts twice.
import { FixedDelay } from '@orchestrix/core';
import { InMemoryAsyncMessageBus, InMemoryDeadLetterQueue, InMemoryMessageBus } from '@orchestrix/memory';
import { instrumentBus, PrometheusMetrics } from '@orchestrix/observability';
import { FakeClock, recordingMetrics } from '@orchestrix/testing';
import { describe, expect, it } from 'vitest';
import { sampleValue } from '../metrics/support/parse-exposition';
import { scrape } from '../metrics/support/scrape';
import { HandlerBrokeError, OrderPlaced } from './support/messages';

const BUS_CLASSES = [
  ['InMemoryMessageBus', InMemoryMessageBus],
  ['InMemoryAsyncMessageBus', InMemoryAsyncMessageBus],
] as const;

function failingMailer(): never {
  throw new HandlerBrokeError();
}

describe.each(BUS_CLASSES)('instrumentBus over an %s with a dead-letter queue', (_name, Bus) => {
  it('counts the dead letter in dead_letters_total, and each attempt once', async () => {
    const metrics = new PrometheusMetrics();
    const retry = new FixedDelay({ maxRetries: 1, delayMs: 0 });
    const deadLetterQueue = new InMemoryDeadLetterQueue();
    const bus = instrumentBus(new Bus({ retry, deadLetterQueue, clock: new FakeClock() }), { metrics });
    bus.subscribe(OrderPlaced, failingMailer, { name: 'mailer' });

    await bus.publish(OrderPlaced({ orderId: 'order-1' }));

    const families = await scrape(metrics);
    const series = (name: string, labels: Record<string, string>) =>
      sampleValue(families, `orchestrix_core_${name}`, labels);
    const handler = { message_type: 'OrderPlaced', handler_name: 'mailer' };
    expect(series('dead_letters_total', handler)).toBe(1);
    expect(series('handler_attempts_total', { ...handler, status: 'error' })).toBe(2);
    expect(series('events_total', { event_type: 'OrderPlaced', status: 'success' })).toBe(1);
    expect(await deadLetterQueue.list()).toHaveLength(1);
  });

  it('reports deadLettered once, between the handler and the publish samples', async () => {
    const metrics = recordingMetrics();
    const bus = instrumentBus(new Bus({ deadLetterQueue: new InMemoryDeadLetterQueue() }), { metrics });
    bus.subscribe(OrderPlaced, failingMailer, { name: 'mailer' });

    await bus.publish(OrderPlaced({ orderId: 'order-1' }));

    expect(metrics.samples.map((sample) => sample.hook)).toEqual([
      'messageHandled',
      'deadLettered',
      'messagePublished',
    ]);
    expect(metrics.samples[1]?.sample).toEqual({ messageType: 'OrderPlaced', handlerName: 'mailer' });
  });

  it('keeps dead-lettering when the deadLettered hook throws', async () => {
    const deadLetterQueue = new InMemoryDeadLetterQueue();
    const bus = instrumentBus(new Bus({ deadLetterQueue }), {
      metrics: {
        deadLettered: () => {
          throw new Error('metrics backend down');
        },
      },
    });
    bus.subscribe(OrderPlaced, failingMailer, { name: 'mailer' });

    await expect(bus.publish(OrderPlaced({ orderId: 'order-1' }))).resolves.toBeUndefined();
    expect(await deadLetterQueue.list()).toHaveLength(1);
  });
});
