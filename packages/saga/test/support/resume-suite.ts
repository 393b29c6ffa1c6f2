import { ConcurrencyError, SagaError, TimeoutError } from '@orchestrix/core';
import { Saga } from '@orchestrix/saga';
import { FakeClock } from '@orchestrix/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { Gate } from './gate';
import { ORDER } from './recorded-step';
import { rejectionOf } from './rejection-of';
import { crashDuring, orderSagaOptions, SAGA_ID, type SagaStoreHarness, type SagaWorld } from './saga-store-harness';
import { StepRecorder } from './step-recorder';
import { until } from './until';

/** Registers the tests of `Saga.resume` against the store `harness` makes. */
export function describeSagaResume(name: string, harness: SagaStoreHarness): void {
  describe(`Saga.resume on ${name}`, () => {
    let world: SagaWorld;

    beforeEach(async () => {
      const clock = new FakeClock();
      world = { clock, stateStore: await harness.create(clock), recorder: new StepRecorder() };
    });

    it('never repeats a completed step and runs the step in flight again with the same idempotency key', async () => {
      await crashDuring(world, { payment: {}, inventory: {}, confirm: { neverSettles: true } }, 'confirm');

      const state = await Saga.resume(SAGA_ID, orderSagaOptions(world, { payment: {}, inventory: {}, confirm: {} }));

      expect(world.recorder.actions()).toEqual(['payment', 'inventory', 'confirm', 'confirm']);
      expect(world.recorder.of('confirm').map((call) => [call.attempt, call.idempotencyKey])).toEqual([
        [1, `${SAGA_ID}:confirm`],
        [2, `${SAGA_ID}:confirm`],
      ]);
      expect(state.status).toBe('completed');
      expect(state.steps[2]).toMatchObject({ status: 'completed', attempts: 2, possiblyDone: true });
    });

    it('continues compensating a saga that was compensating, never undoing a step twice', async () => {
      const failing = { payment: {}, inventory: {}, shipping: {}, confirm: { failures: 'always' as const } };
      await crashDuring(world, { ...failing, inventory: { compensationNeverSettles: true } }, 'inventory', {
        phase: 'compensation',
      });

      const error = await rejectionOf(Saga.resume(SAGA_ID, orderSagaOptions(world, failing)));

      expect(world.recorder.actions()).toEqual(['payment', 'inventory', 'shipping', 'confirm']);
      expect(world.recorder.compensations()).toEqual(['shipping', 'inventory', 'inventory', 'payment']);
      expect(error).toBeInstanceOf(SagaError);
      expect(error).toMatchObject({
        stepName: 'confirm',
        compensations: [
          { stepName: 'shipping', status: 'compensated' },
          { stepName: 'inventory', status: 'compensated' },
          { stepName: 'payment', status: 'compensated' },
        ],
      });
      expect((await world.stateStore.load(SAGA_ID))?.status).toBe('compensated');
    });

    it('lets exactly one of two concurrent resumes proceed; the other rejects with ConcurrencyError', async () => {
      await crashDuring(world, { payment: {}, inventory: {}, confirm: { neverSettles: true } }, 'confirm');
      const gate = new Gate();
      const steps = { payment: {}, inventory: {}, confirm: { waitsFor: gate.opened } };
      let settled = 0;

      const resumes = ['process-b', 'process-c'].map((owner) =>
        Saga.resume(SAGA_ID, orderSagaOptions(world, steps, { owner })).finally(() => {
          settled += 1;
        }),
      );
      const outcomes = Promise.allSettled(resumes);
      await until(() => settled + world.recorder.of('confirm').length - 1 >= 2, 'both resumes got going');
      gate.open();
      const [first, second] = await outcomes;

      const results = [first, second];
      expect(results.filter((result) => result?.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((result) => result?.status === 'rejected');
      expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(ConcurrencyError);
      expect((await world.stateStore.load(SAGA_ID))?.status).toBe('completed');
      expect(world.recorder.of('payment')).toHaveLength(1);
    });

    it('fences off the process it took over: that process fails its next save with ConcurrencyError', async () => {
      const gate = new Gate();
      const { execution } = await crashDuring(
        world,
        { payment: {}, inventory: { waitsFor: gate.opened }, confirm: {} },
        'inventory',
      );

      const state = await Saga.resume(SAGA_ID, orderSagaOptions(world, { payment: {}, inventory: {}, confirm: {} }));
      gate.open();

      expect(await execution).toBeInstanceOf(ConcurrencyError);
      expect(state.status).toBe('completed');
      expect(world.recorder.of('confirm')).toHaveLength(1);
    });

    it('resolves a saga that completed as it ended, running nothing', async () => {
      const options = orderSagaOptions(world, { payment: {}, confirm: {} });
      const executed = await new Saga(options).execute(ORDER, { sagaId: SAGA_ID });

      const resumed = await Saga.resume(SAGA_ID, options);

      expect(resumed).toEqual(executed);
      expect(world.recorder.actions()).toEqual(['payment', 'confirm']);
    });

    it('rejects a saga that ended compensated with its SagaError, running nothing', async () => {
      const options = orderSagaOptions(world, { payment: {}, confirm: { failures: 'always' } });
      await rejectionOf(new Saga(options).execute(ORDER, { sagaId: SAGA_ID }));

      const error = await rejectionOf(Saga.resume(SAGA_ID, options));

      expect(error).toBeInstanceOf(SagaError);
      expect(error).toMatchObject({
        stepName: 'confirm',
        compensations: [{ stepName: 'payment', status: 'compensated' }],
      });
      expect(world.recorder.calls).toHaveLength(3);
    });

    it('compensates without running the step in flight again when the saga deadline passed while it was down', async () => {
      const timeout = { timeoutMs: 30_000 };
      await crashDuring(world, { payment: {}, inventory: { neverSettles: true }, confirm: {} }, 'inventory', {
        extra: timeout,
      });
      await world.clock.advance(30_000);

      const error = await rejectionOf(
        Saga.resume(SAGA_ID, orderSagaOptions(world, { payment: {}, inventory: {}, confirm: {} }, timeout)),
      );

      expect(error).toMatchObject({ code: 'SAGA', stepName: 'inventory' });
      expect((error as SagaError).cause).toBeInstanceOf(TimeoutError);
      expect(world.recorder.actions()).toEqual(['payment', 'inventory']);
      expect(world.recorder.compensations()).toEqual(['inventory', 'payment']);
    });

    it('rejects a saga id that was never stored with a ValidationError', async () => {
      const error = await rejectionOf(Saga.resume('saga-404', orderSagaOptions(world, { payment: {} })));

      expect(error).toMatchObject({ code: 'VALIDATION', field: 'sagaId' });
    });

    it('rejects a definition whose steps differ from the stored saga with a ValidationError', async () => {
      await crashDuring(world, { payment: { neverSettles: true } }, 'payment');

      const error = await rejectionOf(Saga.resume(SAGA_ID, orderSagaOptions(world, { payment: {}, confirm: {} })));

      expect(error).toMatchObject({ code: 'VALIDATION', field: 'steps' });
    });
  });
}
