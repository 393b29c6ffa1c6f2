import {
  defineReactor,
  FixedDelay,
  type Projection,
  ProjectionRunner,
  type ReactorContext,
  type StoredEvent,
} from '@orchestrix/core';
import { InMemoryCheckpointStore, InMemoryEventStore } from '@orchestrix/memory';
import { FakeClock } from '@orchestrix/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { ItemAdded, OrderPlaced, OrderShipped } from './fixtures/order';

let source: InMemoryEventStore;
let checkpoints: InMemoryCheckpointStore;
let clock: FakeClock;

beforeEach(() => {
  clock = new FakeClock();
  source = new InMemoryEventStore();
  checkpoints = new InMemoryCheckpointStore({ clock });
});

function runnerOf(reactors: readonly Projection[]): ProjectionRunner {
  return new ProjectionRunner({ source, checkpoints, projections: reactors, clock });
}

/** Lets the code under test run until it waits on the fake clock (bounded, so a bug fails instead of hanging). */
async function untilTimerPending(): Promise<void> {
  for (let turn = 0; turn < 100 && clock.pendingTimers === 0; turn += 1) await clock.advance(0);
  expect(clock.pendingTimers).toBeGreaterThan(0);
}

describe('defineReactor', () => {
  it('gives each handler the key of its reactor and event', async () => {
    const { events } = await source.save('order-1', [OrderPlaced({ orderId: 'order-1', totalAmount: 10 })]);
    const keys: string[] = [];
    const reactor = defineReactor({
      name: 'confirmation_mails',
      handlers: { OrderPlaced: (_event, context) => keys.push(context.idempotencyKey) },
    });

    await runnerOf([reactor]).runUntilCaughtUp();

    expect(keys).toEqual([`confirmation_mails:${events[0]?.id}`]);
  });

  it('keeps the key when a retry redelivers the event', async () => {
    await source.save('order-1', [OrderPlaced({ orderId: 'order-1', totalAmount: 10 })]);
    const keys: string[] = [];
    const reactor = defineReactor({
      name: 'payments',
      retry: new FixedDelay({ maxRetries: 1, delayMs: 100 }),
      handlers: {
        OrderPlaced: (_event, context) => {
          keys.push(context.idempotencyKey);
          if (keys.length === 1) throw new Error('the payment service timed out');
        },
      },
    });
    const runner = runnerOf([reactor]);

    const caughtUp = runner.runUntilCaughtUp();
    await untilTimerPending();
    await clock.advance(100);
    await caughtUp;

    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect((await runner.health('payments')).healthy).toBe(true);
  });

  it('keeps the key when a restarted runner redelivers the event that failed', async () => {
    const { lastPosition } = await source.save('order-1', [OrderPlaced({ orderId: 'order-1', totalAmount: 10 })]);
    const keys: string[] = [];
    const reactor = defineReactor({
      name: 'payments',
      handlers: {
        OrderPlaced: (_event, context) => {
          keys.push(context.idempotencyKey);
          if (keys.length === 1) throw new Error('the payment service timed out');
        },
      },
    });
    await runnerOf([reactor]).runUntilCaughtUp();

    const restarted = runnerOf([reactor]);
    await restarted.runUntilCaughtUp();

    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await restarted.health('payments')).toEqual({
      name: 'payments',
      healthy: true,
      position: lastPosition,
      standby: false,
    });
  });

  it('delivers only its event types and moves its checkpoint past the others', async () => {
    await source.save('order-1', [OrderPlaced({ orderId: 'order-1', totalAmount: 10 })]);
    const { lastPosition } = await source.save(
      'order-1',
      [ItemAdded({ sku: 'sku-1', quantity: 1 }), OrderShipped()],
      1,
    );
    const seen: StoredEvent[] = [];
    const reactor = defineReactor({
      name: 'shipping_notices',
      handlers: { OrderShipped: (event) => seen.push(event) },
    });
    const runner = runnerOf([reactor]);

    await runner.runUntilCaughtUp();

    expect(seen.map((event) => event.type)).toEqual(['OrderShipped']);
    expect(await checkpoints.load('shipping_notices')).toBe(lastPosition);
    expect(await runner.lag('shipping_notices')).toBe(0);
  });

  it('passes the projection context along with the key', async () => {
    await source.save('order-1', [OrderPlaced({ orderId: 'order-1', totalAmount: 10 })]);
    const contexts: ReactorContext[] = [];
    const reactor = defineReactor({
      name: 'audit',
      handlers: { OrderPlaced: (_event, context) => contexts.push(context) },
    });

    await runnerOf([reactor]).runUntilCaughtUp();

    expect(contexts[0]?.projectionName).toBe('audit');
    expect(Object.isFrozen(contexts[0])).toBe(true);
  });
});
