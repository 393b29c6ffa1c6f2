import { type EventStore, UpcastError, UpcasterRegistry } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { ItemAdded } from './contract-events';

/** Builds a store that upcasts on read with the given registry. */
export type CreateWithUpcasters<T extends EventStore> = (upcasters: UpcasterRegistry) => Promise<T> | T;

function twoStepUpcasters(): UpcasterRegistry {
  return new UpcasterRegistry()
    .register({
      type: 'ItemAdded',
      fromVersion: 1,
      toVersion: 2,
      upcast: (data) => ({ ...(data as object), unit: 'piece' }),
    })
    .register({
      type: 'ItemAdded',
      fromVersion: 2,
      toVersion: 3,
      upcast: (data) => {
        const { sku, quantity, unit } = data as { sku: string; quantity: number; unit: string };
        return { sku, amount: { quantity, unit } };
      },
    });
}

async function withStore<T extends EventStore>(
  create: CreateWithUpcasters<T>,
  dispose: ((store: T) => Promise<void> | void) | undefined,
  upcasters: UpcasterRegistry,
  work: (store: T) => Promise<void>,
): Promise<void> {
  const store = await create(upcasters);
  try {
    await work(store);
  } finally {
    await dispose?.(store);
  }
}

/** Registers the tests of upcasting on read (SPEC §4), for stores built with `upcasters`. */
export function describeUpcasting<T extends EventStore>(
  create: CreateWithUpcasters<T>,
  dispose: ((store: T) => Promise<void> | void) | undefined,
): void {
  describe('upcasting on read', () => {
    it('raises old events to the newest registered schema version, step by step, on every read', async () => {
      await withStore(create, dispose, twoStepUpcasters(), async (store) => {
        await store.save('cart-1', [ItemAdded({ sku: 'sku-1', quantity: 2 }, { traceId: 'a'.repeat(32) })], 0);

        const reads = [await store.load('cart-1'), await store.readAll(), await store.loadByTrace('a'.repeat(32))];

        for (const events of reads) {
          expect(events.map((event) => [event.schemaVersion, event.data])).toEqual([
            [3, { sku: 'sku-1', amount: { quantity: 2, unit: 'piece' } }],
          ]);
          expect(Object.isFrozen(events[0]?.data)).toBe(true);
        }
      });
    });

    it('leaves events already at the newest version as they are', async () => {
      const NewItemAdded = ItemAdded;
      await withStore(create, dispose, new UpcasterRegistry(), async (store) => {
        await store.save('cart-1', [NewItemAdded({ sku: 'sku-1', quantity: 2 })], 0);

        const [event] = await store.load('cart-1');

        expect(event?.schemaVersion).toBe(1);
        expect(event?.data).toEqual({ sku: 'sku-1', quantity: 2 });
      });
    });

    it('throws UpcastError naming the type and versions when a step is missing', async () => {
      const gap = new UpcasterRegistry().register({
        type: 'ItemAdded',
        fromVersion: 2,
        toVersion: 3,
        upcast: (data) => data,
      });
      await withStore(create, dispose, gap, async (store) => {
        await store.save('cart-1', [ItemAdded({ sku: 'sku-1', quantity: 2 })], 0);

        const loading = store.load('cart-1');

        await expect(loading).rejects.toBeInstanceOf(UpcastError);
        await expect(loading).rejects.toMatchObject({ eventType: 'ItemAdded', fromVersion: 1, toVersion: 3 });
      });
    });
  });
}
