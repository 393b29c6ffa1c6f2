import { FixedDelay, SagaError } from '@orchestrix/core';
import { InMemorySagaStateStore } from '@orchestrix/memory';
import { Saga } from '@orchestrix/saga';
import { FakeClock } from '@orchestrix/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { ORDER, type OrderInput, recordedStep, type StepBehaviour } from './support/recorded-step';
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

beforeEach(() => {
  clock = new FakeClock();
  stateStore = new InMemorySagaStateStore({ clock });
  recorder = new StepRecorder();
});

describe('Saga step retries', () => {
  it("retries a failing step after its policy's delay on the clock, and completes", async () => {
    const saga = sagaOf({ inventory: { failures: 2, retry: new FixedDelay({ maxRetries: 2, delayMs: 100 }) } });

    const execution = saga.execute(ORDER, { sagaId: 'saga-1' });
    await clock.advance(0);
    expect(recorder.of('inventory')).toHaveLength(1);
    await clock.advance(99);
    expect(recorder.of('inventory')).toHaveLength(1);
    await clock.advance(1);
    await clock.advance(100);
    const state = await execution;

    expect(recorder.of('inventory').map((call) => call.attempt)).toEqual([1, 2, 3]);
    expect(state.steps[0]).toMatchObject({ status: 'completed', attempts: 3 });
    expect(state.steps[0]?.error).toMatch(/^StepFailedError: inventory failed on attempt 2/);
  });

  it('keeps the idempotency key across retries', async () => {
    const saga = sagaOf({ inventory: { failures: 1, retry: new FixedDelay({ maxRetries: 1, delayMs: 100 }) } });

    const execution = saga.execute(ORDER, { sagaId: 'saga-1' });
    await clock.advance(0);
    await clock.advance(100);
    await execution;

    expect(recorder.of('inventory').map((call) => call.idempotencyKey)).toEqual([
      'saga-1:inventory',
      'saga-1:inventory',
    ]);
  });

  it('saves each attempt with its count and the previous attempt error before running it', async () => {
    const saga = sagaOf({ inventory: { failures: 1, retry: new FixedDelay({ maxRetries: 1, delayMs: 100 }) } });

    const execution = saga.execute(ORDER, { sagaId: 'saga-1' });
    await clock.advance(0);
    const firstAttempt = (await stateStore.load('saga-1'))?.state;
    await clock.advance(100);
    await execution;

    expect(firstAttempt).toMatchObject({ status: 'running', steps: [{ status: 'running', attempts: 1 }] });
  });

  it('fails the step once the retries run out, and compensates the earlier steps', async () => {
    const retry = new FixedDelay({ maxRetries: 2, delayMs: 100 });
    const saga = sagaOf({ payment: {}, inventory: { failures: 'always', retry } });

    const failure = rejectionOf(saga.execute(ORDER));
    await clock.advance(0);
    await clock.advance(100);
    await clock.advance(100);
    const error = await failure;

    expect(error).toBeInstanceOf(SagaError);
    expect(recorder.of('inventory')).toHaveLength(3);
    expect(recorder.compensations()).toEqual(['payment']);
    expect(saga.state?.steps[1]).toMatchObject({ status: 'failed', attempts: 3 });
  });

  it('does not retry a step without a retry policy', async () => {
    const saga = sagaOf({ inventory: { failures: 1 } });

    const error = await rejectionOf(saga.execute(ORDER));

    expect(error).toBeInstanceOf(SagaError);
    expect(recorder.of('inventory')).toHaveLength(1);
  });
});
