import {
  AggregateNotFoundError,
  AggregateRepository,
  ConcurrencyError,
  defineCommand,
  defineEvent,
  payload,
  runInMessageContext,
  UpcasterRegistry,
  ValidationError,
} from '@orchestrix/core';
import { InMemoryEventStore } from '@orchestrix/memory';
import { beforeEach, describe, expect, it } from 'vitest';
import { ItemAdded, Order } from './fixtures/order';

async function placedOrder(repository: AggregateRepository, orderId = 'order-1'): Promise<Order> {
  const order = new Order();
  order.place(orderId, 99);
  await repository.save(order);
  return order;
}

describe('AggregateRepository', () => {
  let store: InMemoryEventStore;
  let repository: AggregateRepository;

  beforeEach(() => {
    store = new InMemoryEventStore();
    repository = new AggregateRepository({ eventStore: store });
  });

  it('stores a new aggregate with versions counted from 1 and loads it back', async () => {
    const order = new Order();
    order.place('order-1', 99);
    order.addItem('sku-1');

    const stored = await repository.save(order);
    const loaded = await repository.load(Order, 'order-1');

    expect(stored.map((event) => event.version)).toEqual([1, 2]);
    expect(order.uncommittedEvents).toHaveLength(0);
    expect(loaded.version).toBe(2);
    expect(loaded.totalAmount).toBe(99);
    expect(loaded.items).toEqual(['sku-1']);
  });

  it('lets exactly one of two writers of the same version win', async () => {
    await placedOrder(repository);
    const first = await repository.load(Order, 'order-1');
    const second = await repository.load(Order, 'order-1');
    first.ship();
    second.addItem('sku-2');

    const results = await Promise.allSettled([repository.save(first), repository.save(second)]);

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((result) => result.status === 'rejected')?.reason).toBeInstanceOf(ConcurrencyError);
    expect(await store.streamVersion('order-1')).toBe(2);
  });

  it('throws AggregateNotFoundError from load and returns undefined from find for an unknown id', async () => {
    await expect(repository.load(Order, 'order-404')).rejects.toBeInstanceOf(AggregateNotFoundError);
    expect(await repository.find(Order, 'order-404')).toBeUndefined();
  });

  it('returns no events and writes nothing when an aggregate has no uncommitted events', async () => {
    const order = await placedOrder(repository);

    expect(await repository.save(order)).toEqual([]);
    expect(await store.streamVersion('order-1')).toBe(1);
  });

  it('refuses to save an aggregate whose id was never set', async () => {
    const order = new Order();
    order.addItem('sku-1');

    await expect(repository.save(order)).rejects.toBeInstanceOf(ValidationError);
    expect((await store.readAll()).length).toBe(0);
  });

  it('upcasts old events on load to the newest registered schema version', async () => {
    const LegacyPlaced = defineEvent('OrderPlaced', payload<{ orderId: string; total: number }>());
    await store.save('order-1', [LegacyPlaced({ orderId: 'order-1', total: 42 })], 0);
    const upcasters = new UpcasterRegistry().register({
      type: 'OrderPlaced',
      fromVersion: 1,
      toVersion: 2,
      upcast: (data) => {
        const { orderId, total } = data as { orderId: string; total: number };
        return { orderId, totalAmount: total };
      },
    });
    const upcasting = new AggregateRepository({ eventStore: store, upcasters });

    const order = await upcasting.load(Order, 'order-1');

    expect(order.totalAmount).toBe(42);
  });

  it('gives events created while handling a message the correlation and causation of that message', async () => {
    const ShipOrder = defineCommand('ShipOrder', payload<{ orderId: string }>());
    await placedOrder(repository);
    const command = ShipOrder({ orderId: 'order-1' }, { correlationId: 'flow-7' });

    const stored = await runInMessageContext(command, () =>
      repository.handle(Order, 'order-1', (order) => order.ship()),
    );

    expect(stored[0]?.correlationId).toBe('flow-7');
    expect(stored[0]?.causationId).toBe(command.id);
  });
});

describe('AggregateRepository.handle', () => {
  let store: InMemoryEventStore;
  let repository: AggregateRepository;

  beforeEach(() => {
    store = new InMemoryEventStore();
    repository = new AggregateRepository({ eventStore: store });
  });

  it('loads, decides and saves, returning the stored events', async () => {
    await placedOrder(repository);

    const stored = await repository.handle(Order, 'order-1', (order) => order.ship());

    expect(stored.map((event) => [event.type, event.version])).toEqual([['OrderShipped', 2]]);
  });

  it('decides again on fresh state after another writer wins the race', async () => {
    await placedOrder(repository);
    let attempts = 0;

    await repository.handle(Order, 'order-1', async (order) => {
      attempts += 1;
      if (attempts === 1) await repository.handle(Order, 'order-1', (other) => other.addItem('sku-other'));
      order.addItem('sku-mine');
    });

    const order = await repository.load(Order, 'order-1');
    expect(attempts).toBe(2);
    expect(order.items).toEqual(['sku-other', 'sku-mine']);
  });

  it('gives up with ConcurrencyError after maxRetries conflicts', async () => {
    await placedOrder(repository);
    let attempts = 0;

    const handling = repository.handle(
      Order,
      'order-1',
      async (order) => {
        attempts += 1;
        await repository.handle(Order, 'order-1', (other) => other.addItem(`sku-${attempts}`));
        order.ship();
      },
      { maxRetries: 2 },
    );

    await expect(handling).rejects.toBeInstanceOf(ConcurrencyError);
    expect(attempts).toBe(3);
  });

  it('starts a new aggregate when create is set and the stream does not exist', async () => {
    const stored = await repository.handle(Order, 'order-9', (order) => order.place('order-9', 10), { create: true });

    expect(stored.map((event) => event.version)).toEqual([1]);
    expect((await repository.load(Order, 'order-9')).status).toBe('placed');
  });

  it('rejects with AggregateNotFoundError for an unknown id unless create is set', async () => {
    await expect(repository.handle(Order, 'order-404', (order) => order.ship())).rejects.toBeInstanceOf(
      AggregateNotFoundError,
    );
    expect(await store.streamVersion('order-404')).toBe(0);
  });

  it('saves nothing when the decision throws', async () => {
    await placedOrder(repository);
    await repository.handle(Order, 'order-1', (order) => order.ship());

    await expect(repository.handle(Order, 'order-1', (order) => order.addItem('late'))).rejects.toThrow();
    expect(await store.streamVersion('order-1')).toBe(2);
  });

  it('lets many concurrent handlers of one aggregate all land, each exactly once', async () => {
    await placedOrder(repository);
    const skus = Array.from({ length: 8 }, (_, index) => `sku-${index}`);

    await Promise.all(
      skus.map((sku) => repository.handle(Order, 'order-1', (order) => order.addItem(sku), { maxRetries: 20 })),
    );

    const order = await repository.load(Order, 'order-1');
    expect([...order.items].sort()).toEqual(skus);
    expect(order.version).toBe(9);
  });

  it('validates maxRetries', async () => {
    await expect(repository.handle(Order, 'order-1', () => undefined, { maxRetries: -1 })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});

describe('AggregateRepository snapshots', () => {
  it('takes a snapshot when the version crosses a multiple of snapshotEvery and loads from it', async () => {
    const store = new InMemoryEventStore();
    const repository = new AggregateRepository({ eventStore: store, snapshotStore: store, snapshotEvery: 3 });
    const order = new Order();
    order.place('order-1', 5);
    order.addItem('a');
    await repository.save(order);
    order.addItem('b');
    order.addItem('c');
    await repository.save(order);
    order.addItem('d');
    await repository.save(order);

    const snapshot = await store.loadSnapshot('order-1');
    const loaded = await repository.load(Order, 'order-1');

    expect(snapshot?.version).toBe(4);
    expect(loaded.items).toEqual(['a', 'b', 'c', 'd']);
    expect(loaded.version).toBe(5);
    // Replay counter: 4 events from the snapshot's state, plus one replayed event after it.
    expect(loaded.replayed).toBe(5);
    expect(await store.load('order-1', snapshot?.version)).toHaveLength(1);
  });

  it('ignores a snapshot of another schema version and rebuilds from events', async () => {
    const store = new InMemoryEventStore();
    const repository = new AggregateRepository({ eventStore: store, snapshotStore: store, snapshotEvery: 1 });
    const order = new Order();
    order.place('order-1', 5);
    await repository.save(order);
    await store.saveSnapshot({
      aggregateId: 'order-1',
      aggregateType: 'Order',
      version: 1,
      state: { totalAmount: 1_000_000, status: 'stale' },
      timestamp: new Date().toISOString(),
      schemaVersion: 7,
    });

    const loaded = await repository.load(Order, 'order-1');

    expect(loaded.totalAmount).toBe(5);
    expect(loaded.status).toBe('placed');
  });

  it('restores a mutable aggregate from frozen snapshot state', async () => {
    const store = new InMemoryEventStore();
    const repository = new AggregateRepository({ eventStore: store, snapshotStore: store, snapshotEvery: 2 });
    const order = new Order();
    order.place('order-1', 5);
    order.addItem('a');
    await repository.save(order);

    const loaded = await repository.load(Order, 'order-1');
    loaded.addItem('b');

    expect(loaded.items).toEqual(['a', 'b']);
    expect(Object.isFrozen(loaded.items)).toBe(false);
  });

  it('requires a snapshot store when snapshotEvery is set', () => {
    expect(() => new AggregateRepository({ eventStore: new InMemoryEventStore(), snapshotEvery: 10 })).toThrow(
      ValidationError,
    );
  });
});

describe('Order fixture', () => {
  it('uses the ItemAdded factory', () => {
    expect(ItemAdded.type).toBe('ItemAdded');
  });
});
