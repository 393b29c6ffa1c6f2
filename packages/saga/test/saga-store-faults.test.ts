import { StoreUnavailableError } from '@orchestrix/core';
import { InMemorySagaStateStore } from '@orchestrix/memory';
import { Saga, SagaRecoveryWorker, SagaStep } from '@orchestrix/saga';
import { FakeClock } from '@orchestrix/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { ORDER, type OrderInput, recordedStep } from './support/recorded-step';
import { rejectionOf } from './support/rejection-of';
import { StepRecorder } from './support/step-recorder';
import { SwitchableSagaStateStore } from './support/switchable-saga-state-store';

let clock: FakeClock;
let stateStore: SwitchableSagaStateStore;
let recorder: StepRecorder;

beforeEach(() => {
  clock = new FakeClock();
  stateStore = new SwitchableSagaStateStore(new InMemorySagaStateStore({ clock }));
  recorder = new StepRecorder();
});

/** An order saga whose `inventory` step takes the state store down while it runs. */
function sagaWhoseStoreFailsDuringInventory(options: { readonly leaseMs?: number } = {}): Saga<OrderInput> {
  const inventory = recordedStep(recorder, 'inventory');
  return new Saga({
    sagaType: 'OrderSaga',
    steps: [
      recordedStep(recorder, 'payment'),
      new SagaStep({
        ...inventory,
        action: async (context) => {
          const result = await inventory.action(context);
          stateStore.isDown = true;
          return result;
        },
      }),
      recordedStep(recorder, 'confirm'),
    ],
    stateStore,
    clock,
    ...options,
  });
}

describe('Saga with a state store that is down', () => {
  it("rejects with the store's typed error and runs no further step", async () => {
    const saga = sagaWhoseStoreFailsDuringInventory();

    const error = await rejectionOf(saga.execute(ORDER, { sagaId: 'saga-1' }));

    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(recorder.actions()).toEqual(['payment', 'inventory']);
    expect(recorder.compensations()).toEqual([]);
  });

  it('continues with resume once the store is back, running the unsaved step again with the same key', async () => {
    await rejectionOf(sagaWhoseStoreFailsDuringInventory().execute(ORDER, { sagaId: 'saga-1' }));
    stateStore.isDown = false;

    const state = await Saga.resume('saga-1', {
      sagaType: 'OrderSaga',
      steps: ['payment', 'inventory', 'confirm'].map((name) => recordedStep(recorder, name)),
      stateStore,
      clock,
    });

    expect(state.status).toBe('completed');
    expect(recorder.actions()).toEqual(['payment', 'inventory', 'inventory', 'confirm']);
    expect(new Set(recorder.of('inventory').map((call) => call.idempotencyKey))).toEqual(new Set(['saga-1:inventory']));
  });

  it('is recovered by a worker once the store is back and its lease expired', async () => {
    await rejectionOf(sagaWhoseStoreFailsDuringInventory({ leaseMs: 1000 }).execute(ORDER, { sagaId: 'saga-1' }));
    stateStore.isDown = false;
    await clock.advance(1000);
    const saga = new Saga({
      sagaType: 'OrderSaga',
      steps: ['payment', 'inventory', 'confirm'].map((name) => recordedStep(recorder, name)),
      stateStore,
      clock,
    });

    const recovered = await new SagaRecoveryWorker({ sagas: [saga], stateStore, clock }).runOnce();

    expect(recovered).toMatchObject([{ sagaId: 'saga-1', outcome: { status: 'fulfilled' } }]);
  });

  it('rejects at once, saving and running nothing, when the store is down at the start', async () => {
    stateStore.isDown = true;
    const saga = sagaWhoseStoreFailsDuringInventory();

    const error = await rejectionOf(saga.execute(ORDER, { sagaId: 'saga-1' }));

    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(recorder.calls).toEqual([]);
  });
});
