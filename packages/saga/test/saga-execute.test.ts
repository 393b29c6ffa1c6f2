import { ConcurrencyError, SerializationError } from '@orchestrix/core';
import { InMemorySagaStateStore } from '@orchestrix/memory';
import { Saga, SagaStep } from '@orchestrix/saga';
import { FakeClock } from '@orchestrix/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { ORDER, type OrderInput, recordedStep } from './support/recorded-step';
import { StepRecorder } from './support/step-recorder';

let clock: FakeClock;
let stateStore: InMemorySagaStateStore;
let recorder: StepRecorder;

function orderSaga(): Saga<OrderInput> {
  return new Saga({
    sagaType: 'OrderSaga',
    steps: ['payment', 'inventory', 'confirm'].map((name) => recordedStep(recorder, name)),
    stateStore,
    clock,
  });
}

beforeEach(() => {
  clock = new FakeClock();
  stateStore = new InMemorySagaStateStore({ clock });
  recorder = new StepRecorder();
});

describe('Saga.execute', () => {
  it('runs every step once, in order, and completes', async () => {
    const saga = orderSaga();

    const state = await saga.execute(ORDER, { sagaId: 'saga-1' });

    expect(recorder.actions()).toEqual(['payment', 'inventory', 'confirm']);
    expect(state.status).toBe('completed');
    expect(state.steps.map((step) => [step.name, step.status, step.attempts])).toEqual([
      ['payment', 'completed', 1],
      ['inventory', 'completed', 1],
      ['confirm', 'completed', 1],
    ]);
    expect(saga.isCompleted()).toBe(true);
    expect(saga.isSuccessful()).toBe(true);
  });

  it('gives each action the input, the earlier results, its attempt and its idempotency key', async () => {
    const contexts: unknown[] = [];
    const saga = new Saga<OrderInput>({
      sagaType: 'OrderSaga',
      steps: [
        new SagaStep({ name: 'payment', action: () => ({ paymentId: 'payment-1' }) }),
        new SagaStep<OrderInput>({
          name: 'confirm',
          action: ({ input, results, sagaId, sagaType, stepName, attempt, idempotencyKey }) => {
            contexts.push({ input, results, sagaId, sagaType, stepName, attempt, idempotencyKey });
          },
        }),
      ],
      stateStore,
      clock,
    });

    await saga.execute(ORDER, { sagaId: 'saga-1' });

    expect(contexts).toEqual([
      {
        input: ORDER,
        results: { payment: { paymentId: 'payment-1' } },
        sagaId: 'saga-1',
        sagaType: 'OrderSaga',
        stepName: 'confirm',
        attempt: 1,
        idempotencyKey: 'saga-1:confirm',
      },
    ]);
  });

  it('records results, times and the saga in the state store, and releases the lease at the end', async () => {
    const state = await orderSaga().execute(ORDER, { sagaId: 'saga-1' });

    const record = await stateStore.load('saga-1');
    expect(record).toMatchObject({
      sagaId: 'saga-1',
      sagaType: 'OrderSaga',
      status: 'completed',
      version: state.version,
    });
    expect(record?.lease).toBeUndefined();
    expect(record?.state).toEqual({ ...state, version: undefined });
    expect(state.steps[0]).toEqual({
      name: 'payment',
      status: 'completed',
      attempts: 1,
      result: { stepName: 'payment', attempt: 1 },
      startedAt: '2026-01-01T00:00:00.000Z',
      endedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(state).toMatchObject({ startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:00.000Z' });
  });

  it('saves every transition: pending, then each step running and completed, then completed', async () => {
    const state = await orderSaga().execute(ORDER);

    expect(state.version).toBe(1 + 3 * 2 + 1);
  });

  it('hands out the state as frozen plain data', async () => {
    const saga = orderSaga();

    const state = await saga.execute({ ...ORDER, placedAt: new Date('2026-01-01T00:00:00Z') } as OrderInput);

    expect(saga.state).toBe(state);
    expect(Object.isFrozen(state)).toBe(true);
    expect(Object.isFrozen(state.steps[0])).toBe(true);
    expect(state.input).toEqual({ ...ORDER, placedAt: '2026-01-01T00:00:00.000Z' });
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it('completes a saga with zero steps at once', async () => {
    const saga = new Saga({ sagaType: 'EmptySaga', steps: [], stateStore, clock });

    const state = await saga.execute({});

    expect(state.status).toBe('completed');
    expect(state.steps).toEqual([]);
    expect(saga.isSuccessful()).toBe(true);
  });

  it('gives each saga a new UUID v7 id unless told one', async () => {
    const saga = orderSaga();

    const [first, second] = [await saga.execute(ORDER), await saga.execute(ORDER)];

    expect(first.sagaId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second.sagaId).not.toBe(first.sagaId);
  });

  it('reports no state and not completed before the first execution', () => {
    const saga = orderSaga();

    expect(saga.state).toBeUndefined();
    expect(saga.isCompleted()).toBe(false);
    expect(saga.isSuccessful()).toBe(false);
  });

  it('rejects an input that cannot round-trip through the codec with SerializationError, before any step or save', async () => {
    const input = { orderId: 'order-1', amount: Number.NaN };

    const execution = orderSaga().execute(input, { sagaId: 'saga-1' });

    await expect(execution).rejects.toBeInstanceOf(SerializationError);
    await expect(execution).rejects.toMatchObject({ code: 'SERIALIZATION', path: 'input.amount' });
    expect(recorder.calls).toEqual([]);
    expect(await stateStore.load('saga-1')).toBeUndefined();
  });

  it('rejects a second execution with a stored saga id with ConcurrencyError, running nothing again', async () => {
    const saga = orderSaga();
    await saga.execute(ORDER, { sagaId: 'saga-1' });

    const second = saga.execute(ORDER, { sagaId: 'saga-1' });

    await expect(second).rejects.toBeInstanceOf(ConcurrencyError);
    expect(recorder.actions()).toEqual(['payment', 'inventory', 'confirm']);
  });
});
