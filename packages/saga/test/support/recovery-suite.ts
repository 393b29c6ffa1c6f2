import { SagaError } from '@orchestrix/core';
import { Saga, SagaRecoveryWorker } from '@orchestrix/saga';
import { FakeClock } from '@orchestrix/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { crashDuring, orderSagaOptions, SAGA_ID, type SagaStoreHarness, type SagaWorld } from './saga-store-harness';
import { StepRecorder } from './step-recorder';

const LEASE_MS = 1000;
const STEPS = { payment: {}, inventory: {}, confirm: {} };

/** Registers the tests of `SagaRecoveryWorker` against the store `harness` makes. */
export function describeSagaRecovery(name: string, harness: SagaStoreHarness): void {
  describe(`SagaRecoveryWorker on ${name}`, () => {
    let world: SagaWorld;

    beforeEach(async () => {
      const clock = new FakeClock();
      world = { clock, stateStore: await harness.create(clock), recorder: new StepRecorder() };
    });

    function worker(owner: string, steps: Parameters<typeof orderSagaOptions>[1] = STEPS): SagaRecoveryWorker {
      const saga = new Saga(orderSagaOptions(world, steps, { leaseMs: LEASE_MS }));
      return new SagaRecoveryWorker({ sagas: [saga], stateStore: world.stateStore, owner, clock: world.clock });
    }

    it('claims a saga whose lease expired and finishes it', async () => {
      await crashDuring(world, { ...STEPS, inventory: { neverSettles: true } }, 'inventory', {
        extra: { leaseMs: LEASE_MS },
      });
      await world.clock.advance(LEASE_MS);

      const recovered = await worker('worker-a').runOnce();

      expect(recovered).toMatchObject([{ sagaId: SAGA_ID, sagaType: 'OrderSaga', outcome: { status: 'fulfilled' } }]);
      expect(world.recorder.actions()).toEqual(['payment', 'inventory', 'inventory', 'confirm']);
      expect((await world.stateStore.load(SAGA_ID))?.status).toBe('completed');
    });

    it('leaves a saga whose lease has not expired alone', async () => {
      await crashDuring(world, { ...STEPS, inventory: { neverSettles: true } }, 'inventory', {
        extra: { leaseMs: LEASE_MS },
      });
      await world.clock.advance(LEASE_MS - 1);

      const recovered = await worker('worker-a').runOnce();

      expect(recovered).toEqual([]);
      expect(world.recorder.of('inventory')).toHaveLength(1);
    });

    it('gives an expired saga to exactly one of two workers', async () => {
      await crashDuring(world, { ...STEPS, inventory: { neverSettles: true } }, 'inventory', {
        extra: { leaseMs: LEASE_MS },
      });
      await world.clock.advance(LEASE_MS);

      const [byA, byB] = await Promise.all([worker('worker-a').runOnce(), worker('worker-b').runOnce()]);

      expect([...(byA ?? []), ...(byB ?? [])]).toHaveLength(1);
      expect(world.recorder.of('inventory')).toHaveLength(2);
      expect(world.recorder.of('confirm')).toHaveLength(1);
    });

    it('finishes compensating a saga whose process died while compensating', async () => {
      const failing = { ...STEPS, confirm: { failures: 'always' as const } };
      await crashDuring(world, { ...failing, payment: { compensationNeverSettles: true } }, 'payment', {
        phase: 'compensation',
        extra: { leaseMs: LEASE_MS },
      });
      await world.clock.advance(LEASE_MS);

      const [recovered] = await worker('worker-a', failing).runOnce();

      expect(recovered?.outcome.status === 'rejected' && recovered.outcome.reason).toBeInstanceOf(SagaError);
      expect(world.recorder.compensations()).toEqual(['inventory', 'payment', 'payment']);
      expect((await world.stateStore.load(SAGA_ID))?.status).toBe('compensated');
    });
  });
}
