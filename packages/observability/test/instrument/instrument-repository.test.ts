import { AggregateRepository } from '@orchestrix/core';
import { InMemoryEventStore } from '@orchestrix/memory';
import { instrumentRepository } from '@orchestrix/observability';
import { RecordingTracer, recordingMetrics } from '@orchestrix/testing';
import { describe, expect, it } from 'vitest';
import { Order } from './support/order';

describe('instrumentRepository', () => {
  it('returns the repository itself, reporting to the hooks', async () => {
    const tracer = new RecordingTracer();
    const metrics = recordingMetrics();
    const repository = new AggregateRepository({ eventStore: new InMemoryEventStore() });

    const instrumented = instrumentRepository(repository, { metrics, tracer });
    await instrumented.handle(Order, 'order-1', (order) => order.place('order-1'), { create: true });

    expect(instrumented).toBe(repository);
    expect(tracer.spans.map((span) => span.name)).toEqual(['load_aggregate:Order', 'save_aggregate:Order']);
    expect(metrics.samples.map((recorded) => recorded.hook)).toEqual(['aggregateLoaded', 'commandHandled']);
  });
});
