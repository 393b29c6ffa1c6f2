import { InMemorySagaStateStore } from '@orchestrix/memory';
import { instrumentSaga } from '@orchestrix/observability';
import { Saga } from '@orchestrix/saga';
import { RecordingTracer, recordingMetrics } from '@orchestrix/testing';
import { describe, expect, it } from 'vitest';

describe('instrumentSaga', () => {
  it('returns the saga itself, tracing its run and reporting its steps', async () => {
    const tracer = new RecordingTracer();
    const metrics = recordingMetrics();
    const saga = new Saga({
      sagaType: 'OrderSaga',
      steps: [{ name: 'payment', action: () => 'paid' }],
      stateStore: new InMemorySagaStateStore(),
    });

    const instrumented = instrumentSaga(saga, { metrics, tracer });
    await instrumented.execute({ orderId: 'order-1' });

    expect(instrumented).toBe(saga);
    expect(tracer.spans.map((span) => span.name)).toEqual(['execute_saga:OrderSaga', 'saga_step:payment']);
    expect(metrics.samples.map((recorded) => recorded.hook)).toEqual([
      'sagaStarted',
      'sagaStepFinished',
      'sagaFinished',
    ]);
  });
});
