// Two runner instances over one checkpoint store: a lease lets one run a projection at a time, the other
// takes over when the holder stops or its lease runs out, and a paused holder that wakes up cannot store
// a stale checkpoint over the new holder's (issue 7, item 4; on a FakeClock, so every step is deterministic).
import {
  type CheckpointStore,
  defineProjection,
  LeaseHeldError,
  type Projection,
  ProjectionRunner,
  type StoredEvent,
  ValidationError,
} from '@orchestrix/core';
import { InMemoryCheckpointStore, InMemoryEventStore } from '@orchestrix/memory';
import { FakeClock } from '@orchestrix/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Deferred, deferred } from './deferred';
import { OrderPlaced } from './fixtures/order';

const LEASE_MS = 3000;
const POLL_MS = 500;

let source: InMemoryEventStore;
let checkpoints: InMemoryCheckpointStore;
let clock: FakeClock;
const runners: ProjectionRunner[] = [];
/** Opens every frozen store, so a failed test still stops its runners. */
const thawAll: (() => void)[] = [];

beforeEach(() => {
  clock = new FakeClock();
  source = new InMemoryEventStore();
  checkpoints = new InMemoryCheckpointStore({ clock });
});

afterEach(async () => {
  for (const thaw of thawAll.splice(0)) thaw();
  await Promise.all(runners.splice(0).map((runner) => runner.stop()));
});

/** A projection named `orders` that records, per runner instance, the positions it handled. */
function recorder(seen: bigint[]): Projection {
  return defineProjection({
    name: 'orders',
    handlers: {
      OrderPlaced: (event: StoredEvent) => {
        seen.push(event.position);
      },
    },
  });
}

function runnerOf(instanceId: string, projection: Projection, store: CheckpointStore = checkpoints): ProjectionRunner {
  const runner = new ProjectionRunner({
    source,
    checkpoints: store,
    projections: [projection],
    clock,
    instanceId,
    leaseMs: LEASE_MS,
    pollIntervalMs: POLL_MS,
  });
  runners.push(runner);
  return runner;
}

async function placeOrders(prefix: string, count: number): Promise<bigint> {
  let last = 0n;
  for (let index = 0; index < count; index += 1) {
    last = (await source.save(`${prefix}-${index}`, [OrderPlaced({ orderId: `${prefix}-${index}`, totalAmount: 10 })]))
      .lastPosition;
  }
  return last;
}

/** Lets every pending continuation run without moving time. */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 20; turn += 1) await clock.advance(0);
}

/**
 * A checkpoint store that a test can freeze, as if its process stopped (SIGSTOP, a long GC pause): every
 * call waits until it is thawed, and then goes on against the real store, late.
 */
function freezable(store: CheckpointStore): { store: CheckpointStore; freeze: () => void; thaw: () => void } {
  let gate: Deferred | undefined;
  const pass = async (): Promise<void> => {
    if (gate !== undefined) await gate.promise;
  };
  return {
    store: {
      load: async (name) => {
        await pass();
        return store.load(name);
      },
      store: async (name, position, expected) => {
        await pass();
        return store.store(name, position, expected);
      },
      acquireLease: async (name, owner, leaseMs) => {
        await pass();
        return store.acquireLease?.(name, owner, leaseMs);
      },
      releaseLease: async (name, owner) => {
        await pass();
        return store.releaseLease?.(name, owner);
      },
    },
    freeze: () => {
      gate = deferred();
      thawAll.push(gate.resolve);
    },
    thaw: () => {
      gate?.resolve();
      gate = undefined;
    },
  };
}

describe('ProjectionRunner leases', () => {
  it('runs a projection in one instance at a time; the other follows its checkpoint on standby', async () => {
    const seenByA: bigint[] = [];
    const seenByB: bigint[] = [];
    const a = runnerOf('instance-a', recorder(seenByA));
    const b = runnerOf('instance-b', recorder(seenByB));
    await a.start();
    await settle();
    await b.start();
    await settle();

    const last = await placeOrders('order', 5);
    await a.waitFor(last, { timeoutMs: 1000 });
    await clock.advance(POLL_MS);
    await b.waitFor(last, { timeoutMs: 1000 });

    expect(seenByA).toHaveLength(5);
    expect(seenByB).toEqual([]);
    expect(await a.health('orders')).toMatchObject({ standby: false, position: last });
    expect(await b.health('orders')).toMatchObject({ standby: true, healthy: true, position: last });
    expect(await b.lag('orders')).toBe(0);
  });

  it('hands the projection over at once when its holder stops', async () => {
    const seenByA: bigint[] = [];
    const seenByB: bigint[] = [];
    const a = runnerOf('instance-a', recorder(seenByA));
    const b = runnerOf('instance-b', recorder(seenByB));
    await a.start();
    await settle();
    await b.start();
    const first = await placeOrders('early', 3);
    await a.waitFor(first, { timeoutMs: 1000 });

    await a.stop();
    const last = await placeOrders('late', 2);
    await b.waitFor(last, { timeoutMs: 1000 });

    expect(seenByA).toHaveLength(3);
    expect(seenByB).toHaveLength(2);
    expect(seenByB[0]).toBeGreaterThan(first);
    expect(clock.now()).toEqual(new Date('2026-01-01T00:00:00Z'));
  });

  it('keeps its lease through a batch longer than the lease, by its heartbeat', async () => {
    const gate = deferred();
    const seenByB: bigint[] = [];
    const slow = defineProjection({ name: 'orders', handlers: { OrderPlaced: () => gate.promise } });
    const a = runnerOf('instance-a', slow);
    const b = runnerOf('instance-b', recorder(seenByB));
    await a.start();
    await settle();
    await b.start();
    const last = await placeOrders('order', 1);
    await settle();

    for (let step = 0; step < 5; step += 1) await clock.advance(LEASE_MS);
    gate.resolve();
    await a.waitFor(last, { timeoutMs: 1000 });

    expect(seenByB).toEqual([]);
    expect(await b.health('orders')).toMatchObject({ standby: true });
  });

  it('takes over once a dead holder’s lease runs out, and the holder cannot store its stale checkpoint on waking', async () => {
    const frozenA = freezable(checkpoints);
    const seenByA: bigint[] = [];
    const seenByB: bigint[] = [];
    const a = runnerOf('instance-a', recorder(seenByA), frozenA.store);
    const b = runnerOf('instance-b', recorder(seenByB));
    const stored: bigint[] = [];
    const realStore = checkpoints.store.bind(checkpoints);
    checkpoints.store = async (name, position, expected) => {
      await realStore(name, position, expected);
      stored.push(position);
    };
    await a.start();
    await settle();
    await b.start();
    await settle();

    // A pauses in the middle of a batch: handlers done, its checkpoint write not yet sent.
    frozenA.freeze();
    const { lastPosition: early } = await source.save('early', [
      OrderPlaced({ orderId: 'early-1', totalAmount: 10 }),
      OrderPlaced({ orderId: 'early-2', totalAmount: 10 }),
      OrderPlaced({ orderId: 'early-3', totalAmount: 10 }),
    ]);
    await settle();
    expect(seenByA).toHaveLength(3);
    expect(stored).toEqual([]);

    // Its lease runs out; B takes over, replays the unacknowledged batch and goes on.
    await clock.advance(LEASE_MS + POLL_MS);
    await b.waitFor(early, { timeoutMs: 1000 });
    const late = await placeOrders('late', 2);
    await b.waitFor(late, { timeoutMs: 1000 });
    expect(seenByB).toHaveLength(5);

    // A wakes up: its compare-and-set is refused, it follows B's checkpoint and stands by.
    frozenA.thaw();
    await settle();
    await clock.advance(POLL_MS);
    expect(await checkpoints.load('orders')).toBe(late);
    expect(stored).toEqual([early, late]);
    expect(await a.health('orders')).toMatchObject({ healthy: true, standby: true, position: late });

    const after = await placeOrders('after', 1);
    await b.waitFor(after, { timeoutMs: 1000 });
    await clock.advance(POLL_MS);
    expect(seenByA).toHaveLength(3);
    expect(seenByB).toHaveLength(6);
  });

  it('refuses a rebuild while another instance holds the lease', async () => {
    const a = runnerOf('instance-a', recorder([]));
    const b = runnerOf('instance-b', recorder([]));
    await a.start();
    await settle();

    await expect(b.rebuild('orders')).rejects.toBeInstanceOf(LeaseHeldError);

    await a.stop();
    await placeOrders('order', 2);
    await b.rebuild('orders');
    expect(await b.lag('orders')).toBe(0);
  });

  it('gives up the leases runUntilCaughtUp took when the runner is not started, so another can run', async () => {
    const seenByB: bigint[] = [];
    const a = runnerOf('instance-a', recorder([]));
    const b = runnerOf('instance-b', recorder(seenByB));
    await placeOrders('early', 2);
    await a.runUntilCaughtUp();

    const last = await placeOrders('late', 1);
    await b.runUntilCaughtUp();

    expect(seenByB).toEqual([last]);
  });

  it('refuses a leaseMs that is not a positive number and an empty instanceId', () => {
    const projection = recorder([]);
    for (const leaseMs of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => new ProjectionRunner({ source, checkpoints, projections: [projection], leaseMs })).toThrow(
        ValidationError,
      );
    }
    expect(() => new ProjectionRunner({ source, checkpoints, projections: [projection], instanceId: ' ' })).toThrow(
      /instanceId cannot be empty/,
    );
  });
});
