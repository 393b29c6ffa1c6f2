import { FixedDelay, SagaError } from '@orchestrix/core';
import { InMemorySagaStateStore } from '@orchestrix/memory';
import { Saga, SagaStep } from '@orchestrix/saga';
import { FakeClock } from '@orchestrix/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  CompensationFailedError,
  ORDER,
  type OrderInput,
  recordedStep,
  type StepBehaviour,
  StepFailedError,
} from './support/recorded-step';
import { rejectionOf } from './support/rejection-of';
import { StepRecorder } from './support/step-recorder';

let clock: FakeClock;
let stateStore: InMemorySagaStateStore;
let recorder: StepRecorder;

function sagaOf(behaviours: Record<string, StepBehaviour>): Saga<OrderInput> {
  return new Saga({
    sagaType: 'OrderSaga',
    steps: Object.entries(behaviours).map(([name, behaviour]) => recordedStep(recorder, name, behaviour)),
    stateStore,
    clock,
  });
}

async function sagaErrorOf(execution: Promise<unknown>): Promise<SagaError> {
  const error = await rejectionOf(execution);
  expect(error).toBeInstanceOf(SagaError);
  return error as SagaError;
}

beforeEach(() => {
  clock = new FakeClock();
  stateStore = new InMemorySagaStateStore({ clock });
  recorder = new StepRecorder();
});

describe('Saga compensation', () => {
  it('compensates the completed steps in reverse order when a step fails, and not the failed step', async () => {
    const saga = sagaOf({ payment: {}, inventory: {}, shipping: { failures: 'always' }, confirm: {} });

    const error = await sagaErrorOf(saga.execute(ORDER, { sagaId: 'saga-1' }));

    expect(recorder.actions()).toEqual(['payment', 'inventory', 'shipping']);
    expect(recorder.compensations()).toEqual(['inventory', 'payment']);
    expect(error).toMatchObject({ code: 'SAGA', sagaType: 'OrderSaga', sagaId: 'saga-1', stepName: 'shipping' });
    expect(error.cause).toBeInstanceOf(StepFailedError);
    expect(error.compensations).toEqual([
      { stepName: 'inventory', status: 'compensated' },
      { stepName: 'payment', status: 'compensated' },
    ]);
  });

  it('ends compensated, with the failed step, its error and each step status in the state', async () => {
    const saga = sagaOf({ payment: {}, inventory: { failures: 'always' }, confirm: {} });

    await sagaErrorOf(saga.execute(ORDER));

    expect(saga.state).toMatchObject({ status: 'compensated', failedStep: 'inventory' });
    expect(saga.state?.error).toMatch(/^StepFailedError: /);
    expect(saga.state?.steps.map((step) => step.status)).toEqual(['compensated', 'failed', 'pending']);
    expect(saga.state?.steps[1]?.error).toMatch(/^StepFailedError: /);
    expect(saga.isCompleted()).toBe(true);
    expect(saga.isSuccessful()).toBe(false);
    expect((await stateStore.load(saga.state?.sagaId ?? ''))?.lease).toBeUndefined();
  });

  it('gives each compensation its own step result, the earlier results and the idempotency key', async () => {
    const seen: unknown[] = [];
    const saga = new Saga<OrderInput>({
      sagaType: 'OrderSaga',
      steps: [
        new SagaStep<OrderInput>({
          name: 'payment',
          action: () => ({ paymentId: 'payment-1' }),
          compensation: ({ result, results, idempotencyKey, attempt }) => {
            seen.push({ result, results, idempotencyKey, attempt });
          },
        }),
        new SagaStep({
          name: 'confirm',
          action: () => {
            throw new StepFailedError('confirm', 1);
          },
        }),
      ],
      stateStore,
      clock,
    });

    await sagaErrorOf(saga.execute(ORDER, { sagaId: 'saga-1' }));

    expect(seen).toEqual([
      {
        result: { paymentId: 'payment-1' },
        results: { payment: { paymentId: 'payment-1' } },
        idempotencyKey: 'saga-1:payment',
        attempt: 1,
      },
    ]);
  });

  it('records a failing compensation, still runs the others, and ends failed', async () => {
    const saga = sagaOf({
      payment: {},
      inventory: { compensationFailures: 'always' },
      shipping: {},
      confirm: { failures: 'always' },
    });

    const error = await sagaErrorOf(saga.execute(ORDER));

    expect(recorder.compensations()).toEqual(['shipping', 'inventory', 'payment']);
    expect(error.compensations.map(({ stepName, status }) => [stepName, status])).toEqual([
      ['shipping', 'compensated'],
      ['inventory', 'compensation_failed'],
      ['payment', 'compensated'],
    ]);
    expect(error.compensations[1]?.error).toBeInstanceOf(CompensationFailedError);
    expect(saga.state?.status).toBe('failed');
    expect(saga.state?.steps[1]).toMatchObject({ status: 'compensation_failed', compensationAttempts: 1 });
    expect(saga.state?.steps[1]?.compensationError).toMatch(/^CompensationFailedError: /);
  });

  it('retries a failing compensation with its policy before giving up on it', async () => {
    const compensationRetry = new FixedDelay({ maxRetries: 2, delayMs: 1000 });
    const saga = sagaOf({ payment: { compensationFailures: 2, compensationRetry }, confirm: { failures: 'always' } });

    const failure = sagaErrorOf(saga.execute(ORDER));
    await clock.advance(0);
    await clock.advance(1000);
    await clock.advance(1000);
    await failure;

    expect(recorder.of('payment', 'compensation').map((call) => call.attempt)).toEqual([1, 2, 3]);
    expect(saga.state?.status).toBe('compensated');
    expect(saga.state?.steps[0]).toMatchObject({ status: 'compensated', compensationAttempts: 3 });
  });

  it('ends failed once a compensation has used up its retries', async () => {
    const compensationRetry = new FixedDelay({ maxRetries: 1, delayMs: 1000 });
    const saga = sagaOf({
      payment: { compensationFailures: 'always', compensationRetry },
      confirm: { failures: 'always' },
    });

    const failure = sagaErrorOf(saga.execute(ORDER));
    await clock.advance(0);
    await clock.advance(1000);
    const error = await failure;

    expect(recorder.of('payment', 'compensation')).toHaveLength(2);
    expect(error.compensations).toMatchObject([{ stepName: 'payment', status: 'compensation_failed' }]);
    expect(saga.state?.status).toBe('failed');
  });

  it('skips steps without a compensation', async () => {
    const saga = sagaOf({ payment: {}, notify: { compensates: false }, confirm: { failures: 'always' } });

    const error = await sagaErrorOf(saga.execute(ORDER));

    expect(recorder.compensations()).toEqual(['payment']);
    expect(error.compensations).toEqual([{ stepName: 'payment', status: 'compensated' }]);
    expect(saga.state?.steps.map((step) => step.status)).toEqual(['compensated', 'completed', 'failed']);
  });

  it('compensates nothing and ends compensated when the first step fails', async () => {
    const saga = sagaOf({ payment: { failures: 'always' }, confirm: {} });

    const error = await sagaErrorOf(saga.execute(ORDER));

    expect(recorder.compensations()).toEqual([]);
    expect(error.compensations).toEqual([]);
    expect(saga.state?.status).toBe('compensated');
  });

  it('fails a step whose result cannot round-trip, and compensates it: its action did the work', async () => {
    const saga = sagaOf({ payment: { result: () => ({ charged: Number.POSITIVE_INFINITY }) }, confirm: {} });

    const error = await sagaErrorOf(saga.execute(ORDER));

    expect(error).toMatchObject({ stepName: 'payment' });
    expect(error.cause).toMatchObject({ code: 'SERIALIZATION', path: 'results.payment.charged' });
    expect(recorder.compensations()).toEqual(['payment']);
    expect(saga.state?.steps[0]).toMatchObject({ status: 'compensated', possiblyDone: true });
  });
});
