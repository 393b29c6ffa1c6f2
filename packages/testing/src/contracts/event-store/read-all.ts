import type { EventStore, StoredEvent } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { CartCheckedOut, itemsAdded } from './contract-events';

function isStrictlyIncreasing(events: readonly StoredEvent[]): boolean {
  return events.every((event, index) => index === 0 || event.position > (events[index - 1]?.position ?? 0n));
}

/** Registers the tests of the global feed: `readAll` with `after`, `limit` and `types`, and `loadByTrace`. */
export function describeReadAll(store: () => EventStore): void {
  describe('global feed', () => {
    it('reads nothing from an empty store', async () => {
      expect(await store().readAll()).toEqual([]);
    });

    it('reads every event in strictly increasing bigint positions, in append order', async () => {
      const first = itemsAdded(2);
      const second = itemsAdded(2, {}, 3);
      await store().save('cart-1', first);
      await store().save('cart-2', second);

      const events = await store().readAll();

      expect(events.map((event) => event.id)).toEqual([...first, ...second].map((event) => event.id));
      expect(events.every((event) => typeof event.position === 'bigint')).toBe(true);
      expect(isStrictlyIncreasing(events)).toBe(true);
    });

    it('reads only the events after the given position', async () => {
      await store().save('cart-1', itemsAdded(5));
      const all = await store().readAll();

      const events = await store().readAll({ after: all[1]?.position ?? 0n });

      expect(events).toEqual(all.slice(2));
    });

    it('reads at most limit events, the oldest first', async () => {
      await store().save('cart-1', itemsAdded(5));
      const all = await store().readAll();

      const events = await store().readAll({ limit: 2 });

      expect(events).toEqual(all.slice(0, 2));
    });

    it('reads at most 1000 events when no limit is given', async () => {
      await store().save('cart-1', itemsAdded(1001));

      const events = await store().readAll();

      expect(events).toHaveLength(1000);
      expect(events[999]?.version).toBe(1000);
    });

    it('reads every event exactly once when paging with after', async () => {
      await store().save('cart-1', itemsAdded(7));
      await store().save('cart-2', itemsAdded(5, {}, 8));
      const seen: StoredEvent[] = [];

      for (let page = await store().readAll({ limit: 3 }); page.length > 0; ) {
        seen.push(...page);
        page = await store().readAll({ limit: 3, after: page[page.length - 1]?.position ?? 0n });
      }

      expect(seen).toEqual(await store().readAll());
      expect(seen).toHaveLength(12);
    });

    it('reads only events of the given types', async () => {
      await store().save('cart-1', [...itemsAdded(2), CartCheckedOut()]);
      await store().save('cart-2', [...itemsAdded(1, {}, 3), CartCheckedOut()]);

      const events = await store().readAll({ types: ['CartCheckedOut'] });

      expect(events.map((event) => [event.streamId, event.type])).toEqual([
        ['cart-1', 'CartCheckedOut'],
        ['cart-2', 'CartCheckedOut'],
      ]);
      expect(isStrictlyIncreasing(events)).toBe(true);
    });

    it('applies limit and after to the events of the given types', async () => {
      await store().save('cart-1', [CartCheckedOut(), ...itemsAdded(2), CartCheckedOut(), CartCheckedOut()]);
      const checkouts = await store().readAll({ types: ['CartCheckedOut'] });

      const events = await store().readAll({
        types: ['CartCheckedOut'],
        after: checkouts[0]?.position ?? 0n,
        limit: 1,
      });

      expect(events).toEqual([checkouts[1]]);
    });

    it('loads the events of one trace from every stream, in position order', async () => {
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const traced = itemsAdded(2, { traceId });
      await store().save(
        'cart-1',
        [traced[0], ...itemsAdded(1, {}, 10)].filter((event) => event !== undefined),
      );
      await store().save(
        'cart-2',
        [traced[1]].filter((event) => event !== undefined),
      );

      const events = await store().loadByTrace(traceId);

      expect(events.map((event) => event.id)).toEqual(traced.map((event) => event.id));
      expect(isStrictlyIncreasing(events)).toBe(true);
    });

    it('loads no events for an unknown trace', async () => {
      await store().save('cart-1', itemsAdded(1));

      expect(await store().loadByTrace('00000000000000000000000000000001')).toEqual([]);
    });

    it('counts what readAll reads after a position, and names the head, when it offers countAfter', async (context) => {
      const subject = store();
      if (subject.countAfter === undefined) {
        context.skip('this store does not offer countAfter');
        return;
      }
      expect(await subject.countAfter(0n)).toEqual({ count: 0, head: 0n });
      await subject.save('cart-1', itemsAdded(3));
      await subject.save('cart-2', itemsAdded(2, {}, 4));
      const all = await subject.readAll();

      expect(await subject.countAfter(0n)).toEqual({ count: 5, head: all[4]?.position });
      expect(await subject.countAfter(all[1]?.position ?? 0n)).toEqual({ count: 3, head: all[4]?.position });
      const head = all[4]?.position ?? 0n;
      expect(await subject.countAfter(head)).toEqual({ count: 0, head });
      await expect(subject.countAfter(-1n)).rejects.toMatchObject({ name: 'ValidationError', field: 'after' });
    });
  });
}
