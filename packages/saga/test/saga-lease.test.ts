import { ConcurrencyError } from '@orchestrix/core';
import { InMemorySagaStateStore } from '@orchestrix/memory';
import { Saga, SagaRecoveryWorker } from '@orchestrix/saga';
import { FakeClock } from '@orchestrix/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { Gate } from './support/gate';
import { ORDER } from './support/recorded-step';
import { rejectionOf } from './support/rejection-of';
import { crashDuring, orderSagaOptions, SAGA_ID, type SagaWorld } from './support/saga-store-harness';
import { StepRecorder } from './support/step-recorder';

const LEASE_MS = 3000;
const STEPS = { payment: {}, inventory: {}, confirm: {} };

let world: SagaWorld;

beforeEach(() => {
  const clock = new FakeClock();
  world = { clock, stateStore: new InMemorySagaStateStore({ clock }), recorder: new StepRecorder() };
});

function recoveryWorker(pollIntervalMs = 1000): SagaRecoveryWorker {
  const saga = new Saga(orderSagaOptions(world, STEPS, { leaseMs: LEASE_MS }));
  return new SagaRecoveryWorker({ sagas: [saga], stateStore: world.stateStore, clock: world.clock, pollIntervalMs });
}

describe('Saga lease', () => {
  it('renews its lease on a heartbeat while a step runs, so no recovery worker claims the saga', async () => {
    const gate = new Gate();
    const saga = new Saga(
      orderSagaOptions(world, { ...STEPS, inventory: { waitsFor: gate.opened } }, { leaseMs: LEASE_MS }),
    );
    const execution = saga.execute(ORDER, { sagaId: SAGA_ID });
    await world.clock.advance(0);
    const worker = recoveryWorker();

    const claims: unknown[] = [];
    for (let beat = 0; beat < 9; beat += 1) {
      await world.clock.advance(LEASE_MS / 3);
      claims.push(...(await worker.runOnce()));
    }
    const lease = (await world.stateStore.load(SAGA_ID))?.lease;
    gate.open();
    await execution;

    expect(claims).toEqual([]);
    expect(lease?.expiresAt).toBe('2026-01-01T00:00:12.000Z');
    expect(world.recorder.of('inventory')).toHaveLength(1);
    expect((await world.stateStore.load(SAGA_ID))?.lease).toBeUndefined();
  });

  it('aborts the step in flight and rejects with ConcurrencyError once another process took the saga over', async () => {
    const saga = new Saga(orderSagaOptions(world, { ...STEPS, inventory: { hangs: 'always' } }, { leaseMs: LEASE_MS }));
    const failure = rejectionOf(saga.execute(ORDER, { sagaId: SAGA_ID }));
    await world.clock.advance(0);

    const taken = await Saga.resume(SAGA_ID, orderSagaOptions(world, STEPS, { owner: 'process-b' }));
    await world.clock.advance(LEASE_MS / 3);

    expect(taken.status).toBe('completed');
    expect(await failure).toBeInstanceOf(ConcurrencyError);
    expect(world.recorder.of('confirm')).toHaveLength(1);
    expect(world.recorder.compensations()).toEqual([]);
  });
});

describe('SagaRecoveryWorker polling', () => {
  it('polls every pollIntervalMs once started, recovers the saga whose lease expired, and stops', async () => {
    await crashDuring(world, { ...STEPS, inventory: { neverSettles: true } }, 'inventory', {
      extra: { leaseMs: LEASE_MS },
    });
    const worker = recoveryWorker();

    worker.start();
    await world.clock.advance(LEASE_MS - 1000);
    const beforeExpiry = (await world.stateStore.load(SAGA_ID))?.status;
    await world.clock.advance(1000);
    await worker.stop();

    expect(beforeExpiry).toBe('running');
    expect((await world.stateStore.load(SAGA_ID))?.status).toBe('completed');
    expect(world.recorder.of('inventory')).toHaveLength(2);
  });

  it('waits, when stopped, for the sagas it is resuming', async () => {
    await crashDuring(world, { ...STEPS, inventory: { neverSettles: true } }, 'inventory', {
      extra: { leaseMs: LEASE_MS },
    });
    const gate = new Gate();
    const saga = new Saga(orderSagaOptions(world, { ...STEPS, confirm: { waitsFor: gate.opened } }));
    const worker = new SagaRecoveryWorker({ sagas: [saga], stateStore: world.stateStore, clock: world.clock });
    await world.clock.advance(LEASE_MS);
    worker.start();
    await world.clock.advance(0);

    let stopped = false;
    const stopping = worker.stop().then(() => {
      stopped = true;
    });
    await world.clock.advance(0);
    const stoppedBeforeTheSagaEnded = stopped;
    gate.open();
    await stopping;

    expect(stoppedBeforeTheSagaEnded).toBe(false);
    expect((await world.stateStore.load(SAGA_ID))?.status).toBe('completed');
  });
});
