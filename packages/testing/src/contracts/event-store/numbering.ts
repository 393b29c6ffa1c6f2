import type { EventStore } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { itemsAdded } from './contract-events';

/** Registers the tests of 1-based stream versions, `load(fromVersion)` and `streamVersion`. */
export function describeNumbering(store: () => EventStore): void {
  describe('numbering', () => {
    it('returns no events and version 0 for a stream that was never written', async () => {
      expect(await store().load('cart-404')).toEqual([]);
      expect(await store().streamVersion('cart-404')).toBe(0);
    });

    it("numbers a stream's events from 1", async () => {
      await store().save('cart-1', itemsAdded(3));

      const events = await store().load('cart-1');

      expect(events.map((event) => event.version)).toEqual([1, 2, 3]);
      expect(events.every((event) => event.streamId === 'cart-1')).toBe(true);
    });

    it('continues the numbering with each append', async () => {
      await store().save('cart-1', itemsAdded(2));

      const result = await store().save('cart-1', itemsAdded(2, {}, 3));

      expect(result.events.map((event) => event.version)).toEqual([3, 4]);
      expect(result.nextExpectedVersion).toBe(4);
      expect(await store().streamVersion('cart-1')).toBe(4);
    });

    it('numbers each stream on its own', async () => {
      await store().save('cart-1', itemsAdded(2));

      await store().save('cart-2', itemsAdded(1, {}, 3));

      expect((await store().load('cart-2')).map((event) => event.version)).toEqual([1]);
    });

    it('reports the last position of the append in its result', async () => {
      const result = await store().save('cart-1', itemsAdded(3));

      const stored = await store().load('cart-1');

      expect(result.lastPosition).toBe(stored[2]?.position);
      expect(result.events).toEqual(stored);
    });

    it('returns only the events after fromVersion', async () => {
      const written = itemsAdded(5);
      await store().save('cart-1', written);

      const events = await store().load('cart-1', 3);

      expect(events.map((event) => event.version)).toEqual([4, 5]);
      expect(events.map((event) => event.id)).toEqual([written[3]?.id, written[4]?.id]);
    });

    it('returns no events when fromVersion is the stream version', async () => {
      await store().save('cart-1', itemsAdded(2));

      expect(await store().load('cart-1', 2)).toEqual([]);
    });

    it('appends all events of one call in order with consecutive versions and increasing positions', async () => {
      const written = itemsAdded(4);

      const result = await store().save('cart-1', written);

      expect(result.events.map((event) => event.id)).toEqual(written.map((event) => event.id));
      expect(result.events.map((event) => event.version)).toEqual([1, 2, 3, 4]);
      const positions = result.events.map((event) => event.position);
      expect(positions.every((position, index) => index === 0 || position > (positions[index - 1] ?? 0n))).toBe(true);
    });
  });
}
