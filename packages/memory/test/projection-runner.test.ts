import {
  defineProjection,
  FixedDelay,
  type Metrics,
  type Projection,
  ProjectionRunner,
  type ProjectionRunnerOptions,
  type StoredEvent,
  TimeoutError,
} from '@orchestrix/core';
import { InMemoryCheckpointStore, InMemoryDeadLetterQueue, InMemoryEventStore } from '@orchestrix/memory';
import { FakeClock } from '@orchestrix/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { ItemAdded, OrderPlaced, OrderShipped } from './fixtures/order';

let source: InMemoryEventStore;
let checkpoints: InMemoryCheckpointStore;
let clock: FakeClock;

function runnerOf(
  projections: readonly Projection[],
  options: Partial<ProjectionRunnerOptions> = {},
): ProjectionRunner {
  return new ProjectionRunner({ source, checkpoints, projections, clock, ...options });
}

/** A projection that records the positions of the OrderPlaced and ItemAdded events it sees. */
function recorder(
  name: string,
  seen: bigint[],
  extra: Partial<Parameters<typeof defineProjection>[0]> = {},
): Projection {
  const record = (event: StoredEvent): void => {
    seen.push(event.position);
  };
  return defineProjection({ name, handlers: { OrderPlaced: record, ItemAdded: record }, ...extra });
}

async function appendOrders(count: number): Promise<bigint> {
  let last = 0n;
  for (let index = 1; index <= count; index += 1) {
    const result = await source.save(`order-${index}`, [
      OrderPlaced({ orderId: `order-${index}`, totalAmount: 10 }),
      ItemAdded({ sku: 'sku-1', quantity: 1 }),
    ]);
    last = result.lastPosition;
  }
  return last;
}

/** Lets the code under test run until it waits on the fake clock (bounded, so a bug fails instead of hanging). */
async function untilTimerPending(): Promise<void> {
  for (let turn = 0; turn < 100 && clock.pendingTimers === 0; turn += 1) await clock.advance(0);
  expect(clock.pendingTimers).toBeGreaterThan(0);
}

async function allPositions(): Promise<bigint[]> {
  return (await source.readAll()).map((event) => event.position);
}

beforeEach(() => {
  source = new InMemoryEventStore();
  checkpoints = new InMemoryCheckpointStore();
  clock = new FakeClock();
});

describe('ProjectionRunner delivery', () => {
  it('delivers every event in global order and stores the last position as the checkpoint', async () => {
    const last = await appendOrders(3);
    const seen: bigint[] = [];
    await runnerOf([recorder('orders', seen)]).runUntilCaughtUp();
    expect(seen).toEqual(await allPositions());
    expect(await checkpoints.load('orders')).toBe(last);
  });

  it('stores the checkpoint after each batch', async () => {
    await appendOrders(2);
    const positions = await allPositions();
    const stored: bigint[] = [];
    const projection = defineProjection({
      name: 'orders',
      batchSize: 2,
      handlers: {
        OrderPlaced: async () => {
          stored.push(await checkpoints.load('orders'));
        },
      },
    });
    await runnerOf([projection]).runUntilCaughtUp();
    // The second OrderPlaced is in the second batch of 2, after the first batch's checkpoint.
    expect(stored).toEqual([0n, positions[1]]);
    expect(await checkpoints.load('orders')).toBe(positions[3]);
  });

  it('resumes from the checkpoint with a new runner, without delivering twice', async () => {
    await appendOrders(1);
    const first: bigint[] = [];
    await runnerOf([recorder('orders', first)]).runUntilCaughtUp();
    await appendOrders(1);
    const second: bigint[] = [];
    await runnerOf([recorder('orders', second)]).runUntilCaughtUp();
    const positions = await allPositions();
    expect(first).toEqual(positions.slice(0, 2));
    expect(second).toEqual(positions.slice(2));
  });

  it('moves the checkpoint past events the projection has no handler for', async () => {
    const { lastPosition } = await source.save('order-1', [OrderShipped()]);
    const seen: bigint[] = [];
    const runner = runnerOf([recorder('orders', seen)]);
    await runner.runUntilCaughtUp();
    expect(seen).toEqual([]);
    expect(await checkpoints.load('orders')).toBe(lastPosition);
    expect(await runner.lag('orders')).toBe(0);
  });

  it('passes a batch to handleBatch and reports it to metrics', async () => {
    await appendOrders(2);
    const batches: number[] = [];
    const samples: { projection: string; status: string; eventCount: number }[] = [];
    const metrics: Metrics = {
      projectionUpdated: ({ projection, status, eventCount }) => samples.push({ projection, status, eventCount }),
    };
    const projection = defineProjection({
      name: 'order_rows',
      batchSize: 3,
      handleBatch: (events) => {
        batches.push(events.length);
      },
    });
    await runnerOf([projection], { metrics }).runUntilCaughtUp();
    expect(batches).toEqual([3, 1]);
    expect(samples).toEqual([
      { projection: 'order_rows', status: 'success', eventCount: 3 },
      { projection: 'order_rows', status: 'success', eventCount: 1 },
    ]);
  });

  it('delivers only up to the head of the feed as it was when runUntilCaughtUp was called', async () => {
    await appendOrders(1);
    const seen: bigint[] = [];
    const projection = recorder('orders', seen, {
      handlers: {
        OrderPlaced: async (event: StoredEvent) => {
          seen.push(event.position);
          await source.save('order-late', [OrderPlaced({ orderId: 'order-late', totalAmount: 1 })]);
        },
      },
    });
    const runner = runnerOf([projection]);
    await runner.runUntilCaughtUp();
    expect(seen).toHaveLength(1);
    expect(await runner.lag('orders')).toBe(1);
  });
});

describe('ProjectionRunner failures', () => {
  it('stops a throwing projection at the failing event and marks it unhealthy while another goes on', async () => {
    const last = await appendOrders(2);
    const positions = await allPositions();
    const failure = new Error('read model down');
    const failing = defineProjection({
      name: 'failing',
      handlers: {
        ItemAdded: () => {
          throw failure;
        },
      },
    });
    const seen: bigint[] = [];
    const runner = runnerOf([failing, recorder('orders', seen)]);
    await runner.runUntilCaughtUp();
    expect(await runner.health('failing')).toEqual({
      name: 'failing',
      healthy: false,
      position: positions[0],
      standby: false,
      lastError: failure,
    });
    expect(await checkpoints.load('failing')).toBe(positions[0]);
    expect(seen).toEqual(positions);
    expect(await runner.health('orders')).toEqual({ name: 'orders', healthy: true, position: last, standby: false });
  });

  it('resumes a stopped projection from the failing event after a restart', async () => {
    await appendOrders(1);
    const positions = await allPositions();
    let fail = true;
    const seen: bigint[] = [];
    const projection = (): Projection =>
      defineProjection({
        name: 'orders',
        handlers: {
          ItemAdded: (event) => {
            if (fail) throw new Error('down');
            seen.push(event.position);
          },
        },
      });
    await runnerOf([projection()]).runUntilCaughtUp();
    fail = false;
    const restarted = runnerOf([projection()]);
    await restarted.runUntilCaughtUp();
    expect(seen).toEqual([positions[1]]);
    expect((await restarted.health('orders')).healthy).toBe(true);
  });

  it('retries a failing handler with delays from the clock and recovers', async () => {
    const last = await appendOrders(1);
    let attempts = 0;
    const projection = defineProjection({
      name: 'orders',
      retry: new FixedDelay({ maxRetries: 3, delayMs: 500 }),
      handlers: {
        OrderPlaced: () => {
          attempts += 1;
          if (attempts < 3) throw new Error('flaky');
        },
      },
    });
    const runner = runnerOf([projection]);
    const caughtUp = runner.runUntilCaughtUp();
    await untilTimerPending();
    await clock.advance(500);
    expect((await runner.health('orders')).healthy).toBe(false);
    await untilTimerPending();
    await clock.advance(500);
    await caughtUp;
    expect(attempts).toBe(3);
    expect(await runner.health('orders')).toEqual({ name: 'orders', healthy: true, position: last, standby: false });
  });

  it('dead-letters an event after its retries when opted in, names the projection and moves on', async () => {
    const last = await appendOrders(1);
    const deadLetterQueue = new InMemoryDeadLetterQueue({ clock });
    const projection = defineProjection({
      name: 'orders',
      deadLetter: true,
      handlers: {
        OrderPlaced: () => {
          throw new Error('poison');
        },
      },
    });
    const runner = runnerOf([projection], { deadLetterQueue });
    await runner.runUntilCaughtUp();
    const letters = await deadLetterQueue.list();
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ handlerName: 'orders', attempts: 1, error: { message: 'poison' } });
    expect(letters[0]?.message.type).toBe('OrderPlaced');
    expect(await runner.health('orders')).toEqual({ name: 'orders', healthy: true, position: last, standby: false });
  });

  it('records every attempt in the dead letter after the retries run out', async () => {
    await appendOrders(1);
    const deadLetterQueue = new InMemoryDeadLetterQueue({ clock });
    const projection = defineProjection({
      name: 'orders',
      deadLetter: true,
      retry: new FixedDelay({ maxRetries: 2, delayMs: 10 }),
      handlers: {
        OrderPlaced: () => {
          throw new Error('poison');
        },
      },
    });
    const caughtUp = runnerOf([projection], { deadLetterQueue }).runUntilCaughtUp();
    await untilTimerPending();
    await clock.advance(10);
    await untilTimerPending();
    await clock.advance(10);
    await caughtUp;
    expect((await deadLetterQueue.list())[0]?.attempts).toBe(3);
  });

  it('stops instead of moving on when the dead letter cannot be stored', async () => {
    await appendOrders(1);
    const storeDown = new Error('dead-letter store down');
    const deadLetterQueue = new InMemoryDeadLetterQueue({ clock });
    deadLetterQueue.enqueue = async () => {
      throw storeDown;
    };
    const projection = defineProjection({
      name: 'orders',
      deadLetter: true,
      handlers: {
        OrderPlaced: () => {
          throw new Error('poison');
        },
      },
    });
    const runner = runnerOf([projection], { deadLetterQueue });
    await runner.runUntilCaughtUp();
    expect(await runner.health('orders')).toEqual({
      name: 'orders',
      healthy: false,
      position: 0n,
      standby: false,
      lastError: storeDown,
    });
  });

  it('follows the checkpoint another runner moved during its batch instead of overwriting it', async () => {
    await appendOrders(1);
    const [first, second] = (await source.readAll({ after: 0n, limit: 10 })).map((event) => event.position);
    const seen: bigint[] = [];
    let otherRunnerMoved = false;
    const record = async (event: StoredEvent): Promise<void> => {
      seen.push(event.position);
      if (otherRunnerMoved) return;
      otherRunnerMoved = true;
      // Another instance (no leases here to keep it out) stores its checkpoint while this batch runs.
      await checkpoints.store('orders', first as bigint, 0n);
    };
    const projection = defineProjection({ name: 'orders', handlers: { OrderPlaced: record, ItemAdded: record } });
    const runner = runnerOf([projection]);

    await runner.runUntilCaughtUp();

    // Its batch's checkpoint was refused; it reloaded and delivered again only what lay after the other's.
    expect(seen).toEqual([first, second, second]);
    expect(await checkpoints.load('orders')).toBe(second);
    expect(await runner.health('orders')).toEqual({ name: 'orders', healthy: true, position: second, standby: false });
  });
});

describe('ProjectionRunner rebuild, lag, health and waitFor', () => {
  it('rebuilds by calling reset, setting the checkpoint back to 0 and replaying', async () => {
    const last = await appendOrders(2);
    const seen: bigint[] = [];
    let resets = 0;
    const runner = runnerOf([
      recorder('orders', seen, {
        reset: () => {
          resets += 1;
          seen.length = 0;
        },
      }),
    ]);
    await runner.runUntilCaughtUp();
    await runner.rebuild('orders');
    expect(resets).toBe(1);
    expect(seen).toEqual(await allPositions());
    expect(await checkpoints.load('orders')).toBe(last);
  });

  it('reports lag as the number of events behind and health with the checkpoint', async () => {
    await appendOrders(3);
    const lags: { projection: string; behind: number }[] = [];
    const metrics: Metrics = { projectionLag: (sample) => lags.push(sample) };
    const runner = runnerOf([recorder('orders', [], { batchSize: 4 })], { metrics });
    expect(await runner.lag('orders')).toBe(6);
    expect(lags).toEqual([{ projection: 'orders', behind: 6 }]);
    expect(await runner.health('orders')).toEqual({ name: 'orders', healthy: true, position: 0n, standby: false });
    await runner.runUntilCaughtUp();
    expect(await runner.lag('orders')).toBe(0);
    await expect(runner.lag('unknown')).rejects.toThrow(/no projection is named unknown/);
  });

  it('resolves waitFor once every projection passed the position', async () => {
    const last = await appendOrders(1);
    const runner = runnerOf([recorder('orders', []), recorder('totals', [])]);
    let resolved = false;
    const waiting = runner.waitFor(last, { timeoutMs: 1000 }).then(() => {
      resolved = true;
    });
    await clock.advance(0);
    expect(resolved).toBe(false);
    await runner.runUntilCaughtUp();
    await waiting;
    expect(resolved).toBe(true);
  });

  it('rejects waitFor with a TimeoutError when no projection gets there in time', async () => {
    const last = await appendOrders(1);
    const runner = runnerOf([recorder('orders', [])]);
    const waiting = runner.waitFor(last, { timeoutMs: 1000 });
    const rejected = expect(waiting).rejects.toBeInstanceOf(TimeoutError);
    await untilTimerPending();
    await clock.advance(1000);
    await rejected;
  });
});
