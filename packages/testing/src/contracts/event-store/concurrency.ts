import { ConcurrencyError, type EventStore } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { settle } from '../../internal/settle';
import { itemsAdded } from './contract-events';

const WRITERS = 16;

/** Registers the tests that race real concurrent appends against one stream. */
export function describeConcurrency(store: () => EventStore): void {
  describe('concurrent appends', () => {
    it(`lets exactly one of ${WRITERS} concurrent writers with the same expected version win`, async () => {
      await store().save('cart-1', itemsAdded(1));
      const appends = Array.from({ length: WRITERS }, (_, writer) => itemsAdded(2, {}, 10 + writer * 2));

      const { fulfilled, rejected } = await settle(appends.map((events) => store().save('cart-1', events, 1)));

      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(WRITERS - 1);
      for (const reason of rejected) expect(reason).toBeInstanceOf(ConcurrencyError);
      const stored = await store().load('cart-1');
      expect(stored.map((event) => event.version)).toEqual([1, 2, 3]);
      expect(stored.slice(1).map((event) => event.id)).toEqual(fulfilled[0]?.events.map((event) => event.id));
    });

    it(`lets exactly one of ${WRITERS} concurrent creators of a new stream win`, async () => {
      const appends = Array.from({ length: WRITERS }, (_, writer) => itemsAdded(1, {}, writer + 1));

      const { fulfilled, rejected } = await settle(appends.map((events) => store().save('cart-1', events, 0)));

      expect(fulfilled).toHaveLength(1);
      for (const reason of rejected) expect(reason).toBeInstanceOf(ConcurrencyError);
      expect(await store().streamVersion('cart-1')).toBe(1);
    });

    it(`serialises ${WRITERS} concurrent 'any' appends into versions 1 to ${WRITERS} without gaps or duplicates`, async () => {
      const appends = Array.from({ length: WRITERS }, (_, writer) => itemsAdded(1, {}, writer + 1));

      const { fulfilled, rejected } = await settle(appends.map((events) => store().save('cart-1', events, 'any')));

      expect(rejected).toEqual([]);
      const stored = await store().load('cart-1');
      expect(stored.map((event) => event.version)).toEqual(Array.from({ length: WRITERS }, (_, index) => index + 1));
      expect(new Set(stored.map((event) => event.id)).size).toBe(WRITERS);
      const reported = fulfilled.map((result) => result.nextExpectedVersion).sort((left, right) => left - right);
      expect(reported).toEqual(Array.from({ length: WRITERS }, (_, index) => index + 1));
    });

    it('keeps positions strictly increasing across concurrent appends to many streams', async () => {
      const appends = Array.from({ length: WRITERS }, (_, writer) => itemsAdded(2, {}, writer * 2 + 1));

      await Promise.all(appends.map((events, writer) => store().save(`cart-${writer % 4}`, events)));

      const positions = (await store().readAll()).map((event) => event.position);
      expect(positions).toHaveLength(WRITERS * 2);
      expect(positions.every((position, index) => index === 0 || position > (positions[index - 1] ?? 0n))).toBe(true);
    });
  });
}
