import { type JsonValue, SerializationError, type Snapshot, type SnapshotStore } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { catchError } from '../../internal/catch-error';
import { isDeeplyFrozen } from '../../internal/is-deeply-frozen';
import { useSubject } from '../../internal/use-subject';
import type { ContractHarness } from '../contract-harness';

function snapshotOf(aggregateId: string, version: number, state: unknown): Snapshot {
  return {
    aggregateId,
    aggregateType: 'Cart',
    version,
    state: state as JsonValue,
    timestamp: '2026-01-01T00:00:00.000Z',
    schemaVersion: 1,
  };
}

/**
 * Registers the SnapshotStore conformance tests (SPEC §4, §9): save and load, never replacing a newer
 * snapshot, and state frozen and normalised by the codec. `harness.create()` must return an empty store.
 *
 * @example
 * snapshotStoreContract('InMemoryEventStore', { create: () => new InMemoryEventStore() });
 */
export function snapshotStoreContract<T extends SnapshotStore>(name: string, harness: ContractHarness<T>): void {
  describe(`${name} honours the SnapshotStore contract`, () => {
    const store = useSubject(harness);

    it('loads undefined for an aggregate that has no snapshot', async () => {
      expect(await store().loadSnapshot('cart-404')).toBeUndefined();
    });

    it('loads the snapshot it saved', async () => {
      const snapshot = snapshotOf('cart-1', 3, { items: ['sku-1'], total: 9.5 });

      await store().saveSnapshot(snapshot);

      expect(await store().loadSnapshot('cart-1')).toEqual(snapshot);
    });

    it('replaces a snapshot with a newer one', async () => {
      await store().saveSnapshot(snapshotOf('cart-1', 3, { total: 1 }));

      await store().saveSnapshot(snapshotOf('cart-1', 6, { total: 2 }));

      expect(await store().loadSnapshot('cart-1')).toMatchObject({ version: 6, state: { total: 2 } });
    });

    it('never replaces a snapshot with an older one', async () => {
      await store().saveSnapshot(snapshotOf('cart-1', 6, { total: 2 }));

      await store().saveSnapshot(snapshotOf('cart-1', 3, { total: 1 }));

      expect(await store().loadSnapshot('cart-1')).toMatchObject({ version: 6, state: { total: 2 } });
    });

    it('keeps snapshots of different aggregates apart', async () => {
      await store().saveSnapshot(snapshotOf('cart-1', 2, { total: 1 }));
      await store().saveSnapshot(snapshotOf('cart-2', 5, { total: 2 }));

      expect(await store().loadSnapshot('cart-1')).toMatchObject({ version: 2, state: { total: 1 } });
    });

    it('hands back the snapshot deeply frozen', async () => {
      await store().saveSnapshot(snapshotOf('cart-1', 1, { lines: [{ sku: 'sku-1' }] }));

      expect(isDeeplyFrozen(await store().loadSnapshot('cart-1'))).toBe(true);
    });

    it('hands back state as the codec encodes it: a Date becomes its ISO string', async () => {
      const at = new Date('2026-02-03T04:05:06.007Z');

      await store().saveSnapshot(snapshotOf('cart-1', 1, { at, count: 5n }));

      expect((await store().loadSnapshot('cart-1'))?.state).toEqual({ at: at.toISOString(), count: '5' });
    });

    it('keeps the stored state unchanged when the caller mutates its state object after saving', async () => {
      const state = { lines: [{ sku: 'sku-1' }] };
      await store().saveSnapshot(snapshotOf('cart-1', 1, state));

      state.lines.push({ sku: 'sku-2' });

      expect((await store().loadSnapshot('cart-1'))?.state).toEqual({ lines: [{ sku: 'sku-1' }] });
    });

    it('refuses state that cannot round-trip with SerializationError, storing nothing', async () => {
      const error = await catchError(() => store().saveSnapshot(snapshotOf('cart-1', 1, { total: Number.NaN })));

      expect(error).toBeInstanceOf(SerializationError);
      expect(await store().loadSnapshot('cart-1')).toBeUndefined();
    });
  });
}
