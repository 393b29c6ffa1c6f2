import { InMemorySagaStateStore } from '@orchestrix/memory';
import { Saga, type SagaOptions } from '@orchestrix/saga';
import { RecordingTracer, recordingMetrics } from '@orchestrix/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { ORDER, type OrderInput, recordedStep } from './support/recorded-step';
import { StepRecorder } from './support/step-recorder';

let recorder: StepRecorder;

beforeEach(() => {
  recorder = new StepRecorder();
});

function sagaWith(extra: Partial<SagaOptions<OrderInput>>): Saga<OrderInput> {
  return new Saga({
    sagaType: 'OrderSaga',
    steps: [recordedStep(recorder, 'payment', {})],
    stateStore: new InMemorySagaStateStore(),
    ...extra,
  });
}

describe('Saga.observe', () => {
  it('reports to the observed hooks in place of those the saga was built with', async () => {
    const builtWith = recordingMetrics();
    const observed = recordingMetrics();
    const tracer = new RecordingTracer();
    const saga = sagaWith({ metrics: builtWith });

    saga.observe({ metrics: observed, tracer });
    await saga.execute(ORDER);

    expect(builtWith.samples).toEqual([]);
    expect(observed.samples.map((recorded) => recorded.hook)).toEqual([
      'sagaStarted',
      'sagaStepFinished',
      'sagaFinished',
    ]);
    expect(tracer.spans.map((span) => span.name)).toEqual(['execute_saga:OrderSaga', 'saga_step:payment']);
  });

  it('keeps a hook the observed hooks leave out', async () => {
    const tracer = new RecordingTracer();
    const metrics = recordingMetrics();
    const saga = sagaWith({ tracer });

    saga.observe({ metrics });
    await saga.execute(ORDER);

    expect(tracer.spans.map((span) => span.name)).toEqual(['execute_saga:OrderSaga', 'saga_step:payment']);
    expect(metrics.samples).toHaveLength(3);
  });

  it('returns the saga itself', () => {
    const saga = sagaWith({});

    expect(saga.observe({ metrics: recordingMetrics() })).toBe(saga);
  });
});
