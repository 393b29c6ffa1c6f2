import { FixedDelay, SagaError, TimeoutError } from '@orchestrix/core';
import { InMemorySagaStateStore } from '@orchestrix/memory';
import { Saga, SagaStep } from '@orchestrix/saga';
import { FakeClock } from '@orchestrix/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { ORDER, type OrderInput, recordedStep, type StepBehaviour } from './support/recorded-step';
import { rejectionOf } from './support/rejection-of';
import { StepRecorder } from './support/step-recorder';

let clock: FakeClock;
let stateStore: InMemorySagaStateStore;
let recorder: StepRecorder;

function sagaOf(behaviours: Record<string, StepBehaviour>, timeoutMs?: number): Saga<OrderInput> {
  return new Saga({
    sagaType: 'OrderSaga',
    steps: Object.entries(behaviours).map(([name, behaviour]) => recordedStep(recorder, name, behaviour)),
    stateStore,
    clock,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
}

beforeEach(() => {
  clock = new FakeClock();
  stateStore = new InMemorySagaStateStore({ clock });
  recorder = new StepRecorder();
});

describe('Saga step timeouts', () => {
  it('aborts an attempt that outlasts timeoutMs and compensates the step as possibly done', async () => {
    const saga = sagaOf({ payment: {}, inventory: { hangs: 'always', timeoutMs: 5000 }, confirm: {} });

    const failure = rejectionOf(saga.execute(ORDER));
    await clock.advance(0);
    await clock.advance(4999);
    expect(recorder.compensations()).toEqual([]);
    await clock.advance(1);
    const error = await failure;

    expect(error).toBeInstanceOf(SagaError);
    expect((error as SagaError).cause).toBeInstanceOf(TimeoutError);
    expect((error as SagaError).cause).toMatchObject({ code: 'TIMEOUT', timeoutMs: 5000 });
    expect(recorder.compensations()).toEqual(['inventory', 'payment']);
    expect(saga.state?.steps.map((step) => step.status)).toEqual(['compensated', 'compensated', 'pending']);
    expect(saga.state?.steps[1]).toMatchObject({ possiblyDone: true, error: expect.stringMatching(/^TimeoutError: /) });
  });

  it('gives the action a signal that aborts on the timeout', async () => {
    let signal: AbortSignal | undefined;
    const saga = new Saga({
      sagaType: 'OrderSaga',
      steps: [
        new SagaStep({
          name: 'payment',
          action: (context) => {
            signal = context.signal;
            return new Promise(() => undefined);
          },
          timeoutMs: 1000,
        }),
      ],
      stateStore,
      clock,
    });

    const failure = rejectionOf(saga.execute(ORDER));
    await clock.advance(0);
    expect(signal?.aborted).toBe(false);
    await clock.advance(1000);
    await failure;

    expect(signal?.aborted).toBe(true);
  });

  it('retries a timed-out attempt and compensates the step when a later attempt fails', async () => {
    const retry = new FixedDelay({ maxRetries: 1, delayMs: 100 });
    const saga = sagaOf({ payment: { hangs: 1, failures: 'always', timeoutMs: 1000, retry } });

    const failure = rejectionOf(saga.execute(ORDER, { sagaId: 'saga-1' }));
    await clock.advance(0);
    await clock.advance(1000);
    await clock.advance(100);
    await failure;

    expect(recorder.of('payment').map((call) => [call.attempt, call.idempotencyKey])).toEqual([
      [1, 'saga-1:payment'],
      [2, 'saga-1:payment'],
    ]);
    expect(recorder.compensations()).toEqual(['payment']);
  });

  it('completes when a retry after a timed-out attempt succeeds', async () => {
    const retry = new FixedDelay({ maxRetries: 1, delayMs: 100 });
    const saga = sagaOf({ payment: { hangs: 1, timeoutMs: 1000, retry } });

    const execution = saga.execute(ORDER);
    await clock.advance(0);
    await clock.advance(1000);
    await clock.advance(100);
    const state = await execution;

    expect(state.status).toBe('completed');
    expect(state.steps[0]).toMatchObject({ status: 'completed', attempts: 2, possiblyDone: true });
  });

  it('bounds each compensation attempt by the step timeout too', async () => {
    const saga = sagaOf({ payment: { compensationHangs: 'always', timeoutMs: 1000 }, confirm: { failures: 'always' } });

    const failure = rejectionOf(saga.execute(ORDER));
    await clock.advance(0);
    await clock.advance(1000);
    const error = (await failure) as SagaError;

    expect(error.compensations).toMatchObject([{ stepName: 'payment', status: 'compensation_failed' }]);
    expect(error.compensations[0]?.error).toBeInstanceOf(TimeoutError);
    expect(saga.state?.status).toBe('failed');
  });
});

describe('Saga timeout', () => {
  it('aborts the step in flight when the saga runs out of time and compensates everything done', async () => {
    const saga = sagaOf({ payment: {}, inventory: { hangs: 'always' }, confirm: {} }, 30_000);

    const failure = rejectionOf(saga.execute(ORDER));
    await clock.advance(0);
    await clock.advance(29_999);
    expect(saga.state?.status).toBe('running');
    await clock.advance(1);
    const error = (await failure) as SagaError;

    expect(error).toMatchObject({ code: 'SAGA', stepName: 'inventory' });
    expect(error.cause).toMatchObject({ code: 'TIMEOUT', timeoutMs: 30_000 });
    expect(recorder.compensations()).toEqual(['inventory', 'payment']);
    expect(saga.state?.status).toBe('compensated');
    expect(saga.state?.deadline).toBe('2026-01-01T00:00:30.000Z');
  });

  it('stops retrying when the saga runs out of time during a retry delay', async () => {
    const retry = new FixedDelay({ maxRetries: 5, delayMs: 10_000 });
    const saga = sagaOf({ payment: {}, inventory: { failures: 'always', retry } }, 15_000);

    const failure = rejectionOf(saga.execute(ORDER));
    await clock.advance(0);
    await clock.advance(10_000);
    await clock.advance(5000);
    const error = (await failure) as SagaError;

    expect(error.cause).toBeInstanceOf(TimeoutError);
    expect(recorder.of('inventory')).toHaveLength(2);
    expect(recorder.compensations()).toEqual(['payment']);
  });

  it('lets compensations run past the saga deadline', async () => {
    const compensationRetry = new FixedDelay({ maxRetries: 1, delayMs: 5000 });
    const saga = sagaOf(
      { payment: { compensationFailures: 1, compensationRetry }, inventory: { hangs: 'always' } },
      1000,
    );

    const failure = rejectionOf(saga.execute(ORDER));
    await clock.advance(0);
    await clock.advance(1000);
    await clock.advance(5000);
    await failure;

    expect(recorder.of('payment', 'compensation')).toHaveLength(2);
    expect(saga.state?.status).toBe('compensated');
  });
});
