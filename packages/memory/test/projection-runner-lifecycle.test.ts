import {
  type CheckpointStore,
  defineProjection,
  FixedDelay,
  type Projection,
  ProjectionRunner,
  type ReadAllOptions,
  type StoredEvent,
  StoreUnavailableError,
  ValidationError,
} from '@orchestrix/core';
import { InMemoryCheckpointStore, InMemoryDeadLetterQueue, InMemoryEventStore } from '@orchestrix/memory';
import { FakeClock } from '@orchestrix/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { deferred } from './deferred';
import { OrderPlaced } from './fixtures/order';

let source: InMemoryEventStore;
let checkpoints: InMemoryCheckpointStore;
let clock: FakeClock;

beforeEach(() => {
  source = new InMemoryEventStore();
  checkpoints = new InMemoryCheckpointStore();
  clock = new FakeClock();
});

function placeOrder(orderId: string): Promise<{ lastPosition: bigint }> {
  return source.save(orderId, [OrderPlaced({ orderId, totalAmount: 10 })]);
}

/**
 * The test's checkpoint store with a `withTransaction` that runs the work with the transaction
 * `'transaction-1'`, then calls `onCommit` and stores the checkpoint (no commit when the work throws).
 */
function transactionalCheckpoints(onCommit: () => void = () => undefined): CheckpointStore {
  return {
    load: (name) => checkpoints.load(name),
    store: (name, position, expected) => checkpoints.store(name, position, expected),
    withTransaction: async (name, expected, position, work) => {
      const result = await work('transaction-1');
      onCommit();
      await checkpoints.store(name, position, expected);
      return result;
    },
  };
}

describe('ProjectionRunner lifecycle', () => {
  it('wakes early on an append while polling, without the clock advancing', async () => {
    const seen: string[] = [];
    const projection = defineProjection({
      name: 'orders',
      handlers: { OrderPlaced: (event) => seen.push(event.streamId) },
    });
    const runner = new ProjectionRunner({
      source,
      checkpoints,
      projections: [projection],
      clock,
      pollIntervalMs: 60_000,
    });
    await runner.start();
    // The runner has found nothing and is waiting out its 60 s poll before the append.
    for (let turn = 0; turn < 100 && clock.pendingTimers === 0; turn += 1) await clock.advance(0);
    expect(clock.pendingTimers).toBe(1);
    const { lastPosition } = await placeOrder('order-1');
    await runner.waitFor(lastPosition, { timeoutMs: 1000 });
    expect(seen).toEqual(['order-1']);
    expect(clock.now()).toEqual(new Date('2026-01-01T00:00:00Z'));
    await runner.stop();
  });

  it('waits in stop for the batch in flight and stores its checkpoint', async () => {
    const gate = deferred();
    const entered = deferred();
    const projection = defineProjection({
      name: 'orders',
      handlers: {
        OrderPlaced: async () => {
          entered.resolve();
          await gate.promise;
        },
      },
    });
    const { lastPosition } = await placeOrder('order-1');
    const runner = new ProjectionRunner({ source, checkpoints, projections: [projection], clock });
    await runner.start();
    await entered.promise;
    let stopped = false;
    const stopping = runner.stop().then(() => {
      stopped = true;
    });
    await clock.advance(0);
    expect(stopped).toBe(false);
    gate.resolve();
    await stopping;
    expect(await checkpoints.load('orders')).toBe(lastPosition);
  });

  it('never loops on a poison event: the running runner stops that projection and polls on', async () => {
    let attempts = 0;
    const projection = defineProjection({
      name: 'orders',
      handlers: {
        OrderPlaced: () => {
          attempts += 1;
          throw new Error('poison');
        },
      },
    });
    await placeOrder('order-1');
    const runner = new ProjectionRunner({ source, checkpoints, projections: [projection], clock, pollIntervalMs: 100 });
    await runner.start();
    await clock.advance(1000);
    expect(attempts).toBe(1);
    expect(await runner.health('orders')).toMatchObject({ healthy: false, position: 0n });
    await runner.stop();
    expect(clock.pendingTimers).toBe(0);
  });

  it('cuts a retry delay short on stop and resumes at the same event with a new runner', async () => {
    let attempts = 0;
    const projection = defineProjection({
      name: 'orders',
      retry: new FixedDelay({ maxRetries: 5, delayMs: 60_000 }),
      handlers: {
        OrderPlaced: () => {
          attempts += 1;
          if (attempts === 1) throw new Error('flaky');
        },
      },
    });
    const { lastPosition } = await placeOrder('order-1');
    const runner = new ProjectionRunner({ source, checkpoints, projections: [projection], clock });
    await runner.start();
    for (let turn = 0; turn < 100 && attempts === 0; turn += 1) await clock.advance(0);
    await runner.stop();
    expect(attempts).toBe(1);
    expect(await checkpoints.load('orders')).toBe(0n);
    await new ProjectionRunner({ source, checkpoints, projections: [projection], clock }).runUntilCaughtUp();
    expect(attempts).toBe(2);
    expect(await checkpoints.load('orders')).toBe(lastPosition);
  });

  it('runs a batch inside the checkpoint store transaction and passes it as context.transaction', async () => {
    const transactions: unknown[] = [];
    const transactional = transactionalCheckpoints();
    const projection = defineProjection({
      name: 'orders',
      handlers: { OrderPlaced: (_event, context) => transactions.push(context.transaction) },
    });
    const { lastPosition } = await placeOrder('order-1');
    await new ProjectionRunner({
      source,
      checkpoints: transactional,
      projections: [projection],
      clock,
    }).runUntilCaughtUp();
    expect(transactions).toEqual(['transaction-1']);
    expect(await checkpoints.load('orders')).toBe(lastPosition);
  });

  it('rolls a failing batch back under withTransaction, then applies and checkpoints the events before the failing one', async () => {
    let committed = 0;
    const transactional = transactionalCheckpoints(() => {
      committed += 1;
    });
    const projection = defineProjection({
      name: 'orders',
      handlers: {
        OrderPlaced: (event) => {
          if (event.streamId === 'order-2') throw new Error('poison');
        },
      },
    });
    const first = await placeOrder('order-1');
    await placeOrder('order-2');
    const runner = new ProjectionRunner({ source, checkpoints: transactional, projections: [projection], clock });
    await runner.runUntilCaughtUp();
    // The whole batch rolled back; a second transaction applied order-1 alone and stopped at order-2.
    expect(committed).toBe(1);
    expect(await checkpoints.load('orders')).toBe(first.lastPosition);
    expect(await runner.health('orders')).toMatchObject({ healthy: false, position: first.lastPosition });
  });

  it('backs off while its store is unavailable, reports unhealthy, and resumes from its checkpoint', async () => {
    const outage = new StoreUnavailableError('database restarting', { retryable: true });
    let reads = 0;
    let down = false;
    source = new (class extends InMemoryEventStore {
      override async readAll(options: ReadAllOptions): Promise<StoredEvent[]> {
        reads += 1;
        if (down) throw outage;
        return super.readAll(options);
      }
    })();
    const seen: string[] = [];
    const projection = defineProjection({
      name: 'orders',
      handlers: { OrderPlaced: (event) => seen.push(event.streamId) },
    });
    const runner = new ProjectionRunner({
      source,
      checkpoints,
      projections: [projection],
      clock,
      pollIntervalMs: 50,
    });
    const first = await placeOrder('order-1');
    await runner.start();
    await runner.waitFor(first.lastPosition, { timeoutMs: 1000 });

    down = true;
    await placeOrder('order-2');
    await clock.advance(0);
    expect(await runner.health('orders')).toMatchObject({
      healthy: false,
      lastError: outage,
      position: first.lastPosition,
    });
    // Backing off, doubling from 100 ms: over 10 s it reads far fewer times than its 200 polls.
    reads = 0;
    for (let step = 0; step < 200; step += 1) await clock.advance(50);
    expect(reads).toBeGreaterThan(3);
    expect(reads).toBeLessThan(12);

    down = false;
    await clock.advance(30_000);
    expect(seen).toEqual(['order-1', 'order-2']);
    expect(await runner.health('orders')).toMatchObject({ healthy: true, standby: false });
    await runner.stop();
  });

  it('stops, instead of backing off, on a store error that retrying cannot fix', async () => {
    const missingSchema = new StoreUnavailableError('schema missing: call initialize()');
    const broken = new (class extends InMemoryEventStore {
      override async readAll(): Promise<StoredEvent[]> {
        throw missingSchema;
      }
    })();
    const projection = defineProjection({ name: 'orders', handlers: { OrderPlaced: () => undefined } });
    const runner = new ProjectionRunner({
      source: broken,
      checkpoints,
      projections: [projection],
      clock,
      pollIntervalMs: 50,
    });
    await runner.start();
    await clock.advance(1000);
    expect(await runner.health('orders')).toMatchObject({ healthy: false, lastError: missingSchema });
    await runner.stop();
  });

  it('dead-letters an event once although its batch rolled back and ran again, and never dead-letters an outage', async () => {
    const deadLetterQueue = new InMemoryDeadLetterQueue({ clock });
    const transactional = transactionalCheckpoints();
    let poisonCalls = 0;
    let outages = 1;
    const projection = defineProjection({
      name: 'orders',
      deadLetter: true,
      handlers: {
        OrderPlaced: (event) => {
          if (event.streamId === 'order-1') {
            poisonCalls += 1;
            throw new Error('poison');
          }
          if (outages > 0) {
            outages -= 1;
            throw new StoreUnavailableError('connection lost', { retryable: true });
          }
        },
      },
    });
    await placeOrder('order-1');
    const { lastPosition } = await placeOrder('order-2');
    const runner = new ProjectionRunner({
      source,
      checkpoints: transactional,
      projections: [projection],
      clock,
      deadLetterQueue,
      pollIntervalMs: 50,
    });
    await runner.start();
    for (let step = 0; step < 20; step += 1) await clock.advance(50);
    await runner.waitFor(lastPosition, { timeoutMs: 1000 });

    const letters = await deadLetterQueue.list();
    expect(letters.map((letter) => (letter.message as StoredEvent).streamId)).toEqual(['order-1']);
    expect(poisonCalls).toBe(1);
    expect(await runner.health('orders')).toMatchObject({ healthy: true, position: lastPosition });
    await runner.stop();
  });

  it('rejects two projections with one name, and dead letters without a queue', () => {
    const projection = (deadLetter: boolean): Projection =>
      defineProjection({ name: 'orders', deadLetter, handlers: { OrderPlaced: () => undefined } });
    expect(
      () => new ProjectionRunner({ source, checkpoints, projections: [projection(false), projection(false)], clock }),
    ).toThrow(ValidationError);
    expect(() => new ProjectionRunner({ source, checkpoints, projections: [projection(true)], clock })).toThrow(
      ValidationError,
    );
  });
});
