import { FixedDelay, type RetryPolicy, ValidationError } from '@orchestrix/core';
import { InMemorySagaStateStore } from '@orchestrix/memory';
import { Saga, SagaRecoveryWorker, SagaStep, type SagaStepOptions } from '@orchestrix/saga';
import { describe, expect, it } from 'vitest';

const stateStore = new InMemorySagaStateStore();
const action = (): void => undefined;

function constructionError(build: () => unknown): unknown {
  try {
    build();
  } catch (error) {
    return error;
  }
  throw new Error('Expected the construction to throw.');
}

describe('SagaStep construction', () => {
  it.each([
    ['name', { name: ' ', action }],
    ['action', { name: 'payment', action: 'processPayment' }],
    ['compensation', { name: 'payment', action, compensation: 42 }],
    ['timeoutMs', { name: 'payment', action, timeoutMs: -1 }],
    ['timeoutMs', { name: 'payment', action, timeoutMs: 0 }],
    ['timeoutMs', { name: 'payment', action, timeoutMs: 2 ** 31 }],
    ['retry.maxRetries', { name: 'payment', action, retry: { maxRetries: -1, delayBeforeRetry: () => 10 } }],
    ['retry', { name: 'payment', action, retry: { maxRetries: 1 } }],
    [
      'compensationRetry.maxRetries',
      { name: 'payment', action, compensationRetry: { maxRetries: 1.5, delayBeforeRetry: () => 10 } },
    ],
  ])('rejects a bad %s with a ValidationError', (field, options) => {
    const error = constructionError(() => new SagaStep(options as unknown as SagaStepOptions));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: 'VALIDATION', field });
  });

  it('rejects a negative retry count already in the retry policy', () => {
    const error = constructionError(() => new FixedDelay({ maxRetries: -1, delayMs: 100 }));

    expect(error).toMatchObject({ code: 'VALIDATION', field: 'maxRetries' });
  });

  it('uses the retry policy for compensations unless given one of their own', () => {
    const retry: RetryPolicy = new FixedDelay({ maxRetries: 2, delayMs: 100 });

    const step = new SagaStep({ name: 'payment', action, retry });

    expect(step.compensationRetry).toBe(retry);
  });
});

describe('Saga construction', () => {
  it.each([
    ['sagaType', { sagaType: '', steps: [], stateStore }],
    ['steps', { sagaType: 'OrderSaga', steps: 'payment', stateStore }],
    [
      'steps',
      {
        sagaType: 'OrderSaga',
        steps: [
          { name: 'payment', action },
          { name: 'payment', action },
        ],
        stateStore,
      },
    ],
    ['action', { sagaType: 'OrderSaga', steps: [{ name: 'payment', action: undefined }], stateStore }],
    ['stateStore', { sagaType: 'OrderSaga', steps: [], stateStore: {} }],
    ['timeoutMs', { sagaType: 'OrderSaga', steps: [], stateStore, timeoutMs: -5 }],
    ['timeoutMs', { sagaType: 'OrderSaga', steps: [], stateStore, timeoutMs: 30 * 24 * 60 * 60 * 1000 }],
    ['leaseMs', { sagaType: 'OrderSaga', steps: [], stateStore, leaseMs: 0 }],
    ['owner', { sagaType: 'OrderSaga', steps: [], stateStore, owner: ' ' }],
  ])('rejects a bad %s with a ValidationError', (field, options) => {
    const error = constructionError(() => new Saga(options as unknown as ConstructorParameters<typeof Saga>[0]));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: 'VALIDATION', field });
  });

  it('accepts plain step options in place of SagaSteps', () => {
    const saga = new Saga({ sagaType: 'OrderSaga', steps: [{ name: 'payment', action }], stateStore });

    expect(saga.steps[0]).toBeInstanceOf(SagaStep);
  });

  it('rejects an empty saga id given to execute with a ValidationError', async () => {
    const saga = new Saga({ sagaType: 'OrderSaga', steps: [], stateStore });

    await expect(saga.execute({}, { sagaId: '' })).rejects.toMatchObject({ code: 'VALIDATION', field: 'sagaId' });
  });
});

describe('SagaRecoveryWorker construction', () => {
  const saga = new Saga({ sagaType: 'OrderSaga', steps: [], stateStore });

  it.each([
    ['sagas', { sagas: [], stateStore }],
    ['sagas', { sagas: [saga, saga], stateStore }],
    ['leaseMs', { sagas: [saga], stateStore, leaseMs: -1 }],
    ['pollIntervalMs', { sagas: [saga], stateStore, pollIntervalMs: 0 }],
    ['limit', { sagas: [saga], stateStore, limit: -1 }],
    ['limit', { sagas: [saga], stateStore, limit: 2.5 }],
  ])('rejects a bad %s with a ValidationError', (field, options) => {
    const error = constructionError(() => new SagaRecoveryWorker(options));

    expect(error).toMatchObject({ code: 'VALIDATION', field });
  });
});
