// Projections of one runner do not hold each other up, a store that was down at start is asked again, a
// stopped projection lets another instance try, and a standby instance's waitFor sees the holder's
// checkpoint soon after it is stored (on a FakeClock: every step deterministic).
import {
  type CheckpointStore,
  defineProjection,
  FixedDelay,
  ProjectionRunner,
  type StoredEvent,
  StoreUnavailableError,
  TimeoutError,
} from '@orchestrix/core';
import { InMemoryCheckpointStore, InMemoryEventStore } from '@orchestrix/memory';
import { FakeClock } from '@orchestrix/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrderPlaced } from './fixtures/order';

let source: InMemoryEventStore;
let checkpoints: InMemoryCheckpointStore;
let clock: FakeClock;
const runners: ProjectionRunner[] = [];

beforeEach(() => {
  clock = new FakeClock();
  source = new InMemoryEventStore();
  checkpoints = new InMemoryCheckpointStore({ clock });
});

afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.stop()));
});

function track(runner: ProjectionRunner): ProjectionRunner {
  runners.push(runner);
  return runner;
}

async function placeOrder(orderId: string): Promise<bigint> {
  return (await source.save(orderId, [OrderPlaced({ orderId, totalAmount: 10 })])).lastPosition;
}

async function settle(): Promise<void> {
  for (let turn = 0; turn < 20; turn += 1) await clock.advance(0);
}

describe('ProjectionRunner isolation', () => {
  it('keeps the other projections going while one waits out a long retry delay', async () => {
    const mailed: string[] = [];
    const viewed: string[] = [];
    const mailer = defineProjection({
      name: 'mailer',
      retry: new FixedDelay({ maxRetries: 5, delayMs: 60_000 }),
      handlers: {
        OrderPlaced: () => {
          throw new Error('smtp down');
        },
      },
    });
    const view = defineProjection({
      name: 'orders',
      handlers: { OrderPlaced: (event: StoredEvent) => viewed.push(event.streamId) },
    });
    const runner = track(new ProjectionRunner({ source, checkpoints, projections: [mailer, view], clock }));
    await runner.start();
    const first = await placeOrder('order-1');
    const second = await placeOrder('order-2');
    await settle();

    expect(viewed).toEqual(['order-1', 'order-2']);
    expect(await runner.health('orders')).toMatchObject({ healthy: true, position: second });
    expect(await runner.health('mailer')).toMatchObject({ healthy: false, position: 0n });
    expect(mailed).toEqual([]);
    expect(first).toBeLessThan(second);
  });

  it('treats a timeout of its store as an outage: backs off and resumes', async () => {
    let failures = 1;
    const slow = new (class extends InMemoryEventStore {
      override async readAll(options?: Parameters<InMemoryEventStore['readAll']>[0]): Promise<StoredEvent[]> {
        if (failures > 0) {
          failures -= 1;
          throw new TimeoutError('PostgreSQL statement (read the global feed)', 30_000);
        }
        return super.readAll(options);
      }
    })();
    const lastPosition = (await slow.save('order-1', [OrderPlaced({ orderId: 'order-1', totalAmount: 10 })]))
      .lastPosition;
    const view = defineProjection({ name: 'orders', handlers: { OrderPlaced: () => undefined } });
    const runner = track(
      new ProjectionRunner({ source: slow, checkpoints, projections: [view], clock, pollIntervalMs: 50 }),
    );
    await runner.start();
    await settle();
    expect(await runner.health('orders')).toMatchObject({ healthy: false, lastError: expect.any(TimeoutError) });

    await clock.advance(200);
    await runner.waitFor(lastPosition, { timeoutMs: 1000 });
    expect(await runner.health('orders')).toMatchObject({ healthy: true });
  });

  it('asks a checkpoint store that was down at start again instead of failing for good', async () => {
    let down = true;
    const flaky: CheckpointStore = {
      load: async (name) => {
        if (down) throw new StoreUnavailableError('database restarting', { retryable: true });
        return checkpoints.load(name);
      },
      store: (name, position, expected) => checkpoints.store(name, position, expected),
    };
    const view = defineProjection({ name: 'orders', handlers: { OrderPlaced: () => undefined } });
    const runner = track(new ProjectionRunner({ source, checkpoints: flaky, projections: [view], clock }));

    await expect(runner.start()).rejects.toBeInstanceOf(StoreUnavailableError);
    down = false;
    await runner.start();
    const lastPosition = await placeOrder('order-1');
    await runner.waitFor(lastPosition, { timeoutMs: 1000 });
  });

  it('gives up the lease of a projection stopped at a failing event, so another instance may run it', async () => {
    const failing = defineProjection({
      name: 'orders',
      handlers: {
        OrderPlaced: () => {
          throw new Error('bug in this build');
        },
      },
    });
    const seenByFixed: string[] = [];
    const fixed = defineProjection({
      name: 'orders',
      handlers: { OrderPlaced: (event: StoredEvent) => seenByFixed.push(event.streamId) },
    });
    const old = track(
      new ProjectionRunner({ source, checkpoints, projections: [failing], clock, instanceId: 'old', leaseMs: 3000 }),
    );
    await old.start();
    await settle();
    const lastPosition = await placeOrder('order-1');
    await settle();
    expect(await old.health('orders')).toMatchObject({ healthy: false, standby: false });

    const next = track(
      new ProjectionRunner({ source, checkpoints, projections: [fixed], clock, instanceId: 'new', leaseMs: 3000 }),
    );
    await next.start();
    await next.waitFor(lastPosition, { timeoutMs: 1000 });
    expect(seenByFixed).toEqual(['order-1']);
  });

  it('lets a standby instance’s waitFor see the holder’s checkpoint well within its poll interval', async () => {
    const view = (): ReturnType<typeof defineProjection> =>
      defineProjection({ name: 'orders', handlers: { OrderPlaced: () => undefined } });
    const options = { source, checkpoints, clock, pollIntervalMs: 30_000, leaseMs: 90_000 };
    const holder = track(new ProjectionRunner({ ...options, projections: [view()], instanceId: 'holder' }));
    const standby = track(new ProjectionRunner({ ...options, projections: [view()], instanceId: 'standby' }));
    await holder.start();
    await settle();
    await standby.start();
    await settle();
    expect(await standby.health('orders')).toMatchObject({ standby: true });

    const lastPosition = await placeOrder('order-1');
    await holder.waitFor(lastPosition, { timeoutMs: 1000 });
    let seen = false;
    const waiting = standby.waitFor(lastPosition, { timeoutMs: 1000 }).then(() => {
      seen = true;
    });
    await settle();
    expect(seen).toBe(false);
    await clock.advance(100);
    await waiting;

    expect(seen).toBe(true);
  });
});
