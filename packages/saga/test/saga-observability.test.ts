import { defineEvent, FixedDelay, getLogger, payload, runInMessageContext } from '@orchestrix/core';
import { InMemorySagaStateStore } from '@orchestrix/memory';
import { Saga, type SagaOptions } from '@orchestrix/saga';
import { FakeClock, RecordingTracer, recordingMetrics } from '@orchestrix/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { ORDER, type OrderInput, recordedStep, type StepBehaviour } from './support/recorded-step';
import { rejectionOf } from './support/rejection-of';
import { StepRecorder } from './support/step-recorder';

const PARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

let clock: FakeClock;
let recorder: StepRecorder;

beforeEach(() => {
  clock = new FakeClock();
  recorder = new StepRecorder();
});

function sagaOf(behaviours: Record<string, StepBehaviour>, extra: Partial<SagaOptions<OrderInput>>): Saga<OrderInput> {
  return new Saga({
    sagaType: 'OrderSaga',
    steps: Object.entries(behaviours).map(([name, behaviour]) => recordedStep(recorder, name, behaviour)),
    stateStore: new InMemorySagaStateStore({ clock }),
    clock,
    ...extra,
  });
}

describe('Saga observability', () => {
  it('calls the metrics hooks at the start, after each step and at the end', async () => {
    const metrics = recordingMetrics();
    const retry = new FixedDelay({ maxRetries: 1, delayMs: 250 });
    const saga = sagaOf({ payment: { failures: 1, retry }, confirm: {} }, { metrics });

    const execution = saga.execute(ORDER);
    await clock.advance(0);
    await clock.advance(250);
    await execution;

    expect(metrics.samples).toEqual([
      { hook: 'sagaStarted', sample: { sagaType: 'OrderSaga', resumed: false } },
      {
        hook: 'sagaStepFinished',
        sample: { sagaType: 'OrderSaga', stepName: 'payment', status: 'success', durationMs: 250, attempts: 2 },
      },
      {
        hook: 'sagaStepFinished',
        sample: { sagaType: 'OrderSaga', stepName: 'confirm', status: 'success', durationMs: 0, attempts: 1 },
      },
      { hook: 'sagaFinished', sample: { sagaType: 'OrderSaga', status: 'completed', durationMs: 250 } },
    ]);
  });

  it('reports a failed step, each compensation and the terminal status', async () => {
    const metrics = recordingMetrics();
    const saga = sagaOf(
      { payment: {}, inventory: { compensationFailures: 'always' }, confirm: { failures: 'always' } },
      { metrics },
    );

    await rejectionOf(saga.execute(ORDER));

    expect(metrics.samples.map(({ hook, sample }) => [hook, sample.stepName ?? '', sample.status ?? ''])).toEqual([
      ['sagaStarted', '', ''],
      ['sagaStepFinished', 'payment', 'success'],
      ['sagaStepFinished', 'inventory', 'success'],
      ['sagaStepFinished', 'confirm', 'error'],
      ['sagaCompensated', 'inventory', 'error'],
      ['sagaCompensated', 'payment', 'success'],
      ['sagaFinished', '', 'failed'],
    ]);
  });

  it('traces the run as execute_saga with a child span per step and compensation, all ended', async () => {
    const tracer = new RecordingTracer();
    const saga = sagaOf({ payment: {}, confirm: { failures: 'always' } }, { tracer });

    await rejectionOf(saga.execute(ORDER, { sagaId: 'saga-1' }));

    expect(tracer.spans.map((span) => span.name)).toEqual([
      'execute_saga:OrderSaga',
      'saga_step:payment',
      'saga_step:confirm',
      'saga_compensation:payment',
    ]);
    expect(tracer.spans[0]?.options?.attributes).toMatchObject({ 'orchestrix.saga.id': 'saga-1' });
    expect(tracer.spans.slice(1).every((span) => span.options?.parent === tracer.spans[0]?.traceparent)).toBe(true);
    expect(tracer.spans.every((span) => span.ended)).toBe(true);
    expect(tracer.spans[0]?.errors).toHaveLength(1);
    expect(tracer.spans[2]?.errors).toHaveLength(1);
  });

  it('parents the saga span on the message being handled', async () => {
    const tracer = new RecordingTracer();
    const saga = sagaOf({ payment: {} }, { tracer });
    const OrderPlaced = defineEvent('OrderPlaced', payload<{ orderId: string }>());
    const event = OrderPlaced({ orderId: 'order-1' }, { traceparent: PARENT });

    await runInMessageContext(event, () => saga.execute(ORDER));

    expect(tracer.spans[0]?.options?.parent).toBe(PARENT);
  });

  it('keeps running when a hook throws, and logs it', async () => {
    const lines: string[] = [];
    const logger = getLogger('saga', { level: 'debug', write: (line) => lines.push(line) });
    const saga = sagaOf(
      { payment: {} },
      {
        logger,
        metrics: {
          sagaStepFinished: () => {
            throw new Error('metrics backend down');
          },
        },
      },
    );

    const state = await saga.execute(ORDER);

    expect(state.status).toBe('completed');
    expect(lines.some((line) => line.includes('hooks must not throw'))).toBe(true);
  });

  it('reports a resumed run as resumed', async () => {
    const metrics = recordingMetrics();
    const stateStore = new InMemorySagaStateStore({ clock });
    const options = { sagaType: 'OrderSaga', steps: [recordedStep(recorder, 'payment')], stateStore, clock, metrics };
    await stateStore.save(
      {
        sagaId: 'saga-1',
        sagaType: 'OrderSaga',
        status: 'pending',
        state: {
          sagaId: 'saga-1',
          sagaType: 'OrderSaga',
          status: 'pending',
          input: ORDER,
          steps: [{ name: 'payment', status: 'pending', attempts: 0 }],
          startedAt: clock.now().toISOString(),
        },
      },
      0,
    );

    await Saga.resume('saga-1', options);

    expect(metrics.samples[0]).toEqual({ hook: 'sagaStarted', sample: { sagaType: 'OrderSaga', resumed: true } });
  });

  it('continues the trace that started a saga when another process resumes it outside any flow', async () => {
    const stateStore = new InMemorySagaStateStore({ clock });
    const Trigger = defineEvent('OrderPaid', payload<{ orderId: string }>());
    let release: () => void = () => undefined;
    const stuck = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = new Saga<OrderInput>({
      sagaType: 'OrderSaga',
      steps: [{ name: 'payment', action: () => stuck }],
      stateStore,
      clock,
    });
    // Started inside a traced flow; its process then "dies" with the step in flight.
    void runInMessageContext(Trigger({ orderId: 'o-1' }, { traceparent: PARENT }), () =>
      first.execute(ORDER, { sagaId: 'saga-traced' }).catch(() => undefined),
    );
    for (let turn = 0; turn < 20; turn += 1) await clock.advance(0);
    expect((await stateStore.load('saga-traced'))?.state).toMatchObject({ traceparent: PARENT });

    const tracer = new RecordingTracer();
    await Saga.resume('saga-traced', {
      sagaType: 'OrderSaga',
      steps: [recordedStep(recorder, 'payment')],
      stateStore,
      clock,
      tracer,
    });
    release();

    expect(tracer.spans[0]).toMatchObject({ name: 'execute_saga:OrderSaga', options: { parent: PARENT } });
  });
});
