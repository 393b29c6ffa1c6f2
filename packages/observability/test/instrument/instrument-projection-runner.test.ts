import { defineProjection, ProjectionRunner } from '@orchestrix/core';
import { InMemoryCheckpointStore, InMemoryEventStore } from '@orchestrix/memory';
import { instrumentProjectionRunner } from '@orchestrix/observability';
import { RecordingTracer, recordingMetrics } from '@orchestrix/testing';
import { describe, expect, it } from 'vitest';
import { OrderPlaced } from './support/messages';

describe('instrumentProjectionRunner', () => {
  it('returns the runner itself, tracing deliveries and reporting batches and lag', async () => {
    const tracer = new RecordingTracer();
    const metrics = recordingMetrics();
    const store = new InMemoryEventStore();
    await store.save('order-1', [OrderPlaced({ orderId: 'order-1' })]);
    const totals = defineProjection({ name: 'totals', handlers: { OrderPlaced: () => undefined } });
    const runner = new ProjectionRunner({
      source: store,
      checkpoints: new InMemoryCheckpointStore(),
      projections: [totals],
    });

    const instrumented = instrumentProjectionRunner(runner, { metrics, tracer });
    await instrumented.runUntilCaughtUp();
    await instrumented.lag('totals');

    expect(instrumented).toBe(runner);
    expect(tracer.spans.map((span) => span.name)).toEqual(['process_event:OrderPlaced']);
    expect(metrics.samples).toMatchObject([
      { hook: 'projectionUpdated', sample: { projection: 'totals', status: 'success', eventCount: 1 } },
      { hook: 'projectionLag', sample: { projection: 'totals', behind: 0 } },
    ]);
  });
});
