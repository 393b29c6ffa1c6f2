import type { EventStore } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { isDeeplyFrozen } from '../../internal/is-deeply-frozen';
import { handBuiltEvent, ItemAdded } from './contract-events';

/** Registers the tests of what a store hands back: deeply frozen events equal (§9) to what was saved. */
export function describeStoredData(store: () => EventStore): void {
  describe('stored data', () => {
    it('hands back events equal to what was saved, with stream, version and position added', async () => {
      const event = ItemAdded(
        { sku: 'sku-1', quantity: 2 },
        { correlationId: 'correlation-1', causationId: 'cause-1', subject: 'cart', traceId: 'a'.repeat(32) },
      );

      await store().save('cart-1', [event]);

      const [stored] = await store().load('cart-1');
      expect(stored).toEqual({ ...event, streamId: 'cart-1', version: 1, position: stored?.position });
    });

    it('hands back each stored event deeply frozen from load, readAll, loadByTrace and save', async () => {
      const event = handBuiltEvent({ lines: [{ sku: 'sku-1', tags: ['a'] }], total: { amount: 3 } });
      (event as { traceId?: string }).traceId = 'b'.repeat(32);

      const result = await store().save('cart-1', [event]);

      const loaded = await store().load('cart-1');
      const read = await store().readAll();
      const traced = await store().loadByTrace('b'.repeat(32));
      for (const events of [result.events, loaded, read, traced]) {
        expect(events).toHaveLength(1);
        expect(events.every(isDeeplyFrozen)).toBe(true);
      }
    });

    it('hands back data as the codec encodes it: a Date becomes its ISO string', async () => {
      const placedAt = new Date('2026-03-04T05:06:07.089Z');
      const event = handBuiltEvent({ placedAt, count: 10n, nested: { at: placedAt } });

      await store().save('cart-1', [event]);

      const [stored] = await store().load('cart-1');
      expect(stored?.data).toEqual({
        placedAt: placedAt.toISOString(),
        count: '10',
        nested: { at: placedAt.toISOString() },
      });
    });

    it('keeps stored data unchanged when the caller mutates its event object after save', async () => {
      const data = { sku: 'sku-1', quantity: 1, lines: [{ quantity: 1 }] };
      const event = handBuiltEvent(data);
      await store().save('cart-1', [event]);

      data.quantity = 99;
      data.lines.push({ quantity: 2 });
      (data.lines[0] as { quantity: number }).quantity = 42;
      (event as { type: string }).type = 'Tampered';

      const [stored] = await store().load('cart-1');
      expect(stored?.type).toBe('ItemAdded');
      expect(stored?.data).toEqual({ sku: 'sku-1', quantity: 1, lines: [{ quantity: 1 }] });
    });

    it('never lets a __proto__ key in data reach Object.prototype', async () => {
      const data: unknown = JSON.parse('{"__proto__": {"polluted": true}, "sku": "sku-1"}');

      await store().save('cart-1', [handBuiltEvent(data)]);
      const [stored] = await store().load('cart-1');
      await store().readAll();

      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
      const storedData = stored?.data as Record<string, unknown>;
      expect(Object.hasOwn(storedData, '__proto__')).toBe(true);
      expect(Object.getOwnPropertyDescriptor(storedData, '__proto__')?.value).toEqual({ polluted: true });
      expect(storedData.polluted).toBeUndefined();
    });
  });
}
