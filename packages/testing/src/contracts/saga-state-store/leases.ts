import { ConcurrencyError, type SagaStateStore } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import type { FakeClock } from '../../clock/fake-clock';
import { itWithClock } from '../../internal/it-with-clock';
import { EXPIRED_LEASE, LIVE_LEASE, sagaUpdate } from './contract-sagas';

const LEASE_MS = 30_000;
const CLAIMERS = 8;
const ACTIVE = ['running', 'compensating'] as const;

function idsOf(records: readonly { readonly sagaId: string }[]): string[] {
  return records.map((record) => record.sagaId).sort();
}

/** Registers the tests of `claimExpired`, `renewLease` and leases given to `save`. */
export function describeSagaLeases(sagas: () => SagaStateStore, clock: FakeClock | undefined): void {
  describe('leases', () => {
    it('claims sagas in the given statuses that have no lease or an expired one', async () => {
      await sagas().save(sagaUpdate('saga-1'), 0);
      await sagas().save(sagaUpdate('saga-2', { status: 'compensating', lease: EXPIRED_LEASE }), 0);

      const claimed = await sagas().claimExpired({ owner: 'worker-a', leaseMs: LEASE_MS, statuses: ACTIVE });

      expect(idsOf(claimed)).toEqual(['saga-1', 'saga-2']);
      for (const record of claimed) expect(record.lease?.owner).toBe('worker-a');
      expect((await sagas().load('saga-2'))?.lease?.owner).toBe('worker-a');
    });

    it('leaves sagas with an unexpired lease or in other statuses alone', async () => {
      await sagas().save(sagaUpdate('saga-1', { lease: LIVE_LEASE }), 0);
      await sagas().save(sagaUpdate('saga-2', { status: 'completed' }), 0);

      const claimed = await sagas().claimExpired({ owner: 'worker-a', leaseMs: LEASE_MS, statuses: ACTIVE });

      expect(claimed).toEqual([]);
      expect((await sagas().load('saga-1'))?.lease).toEqual(LIVE_LEASE);
    });

    it('fences off the previous holder: a claim moves the version, so its stale save fails', async () => {
      await sagas().save(sagaUpdate('saga-1', { lease: EXPIRED_LEASE }), 0);

      const [claim] = await sagas().claimExpired({ owner: 'worker-b', leaseMs: LEASE_MS, statuses: ACTIVE });
      const staleSave = sagas().save(sagaUpdate('saga-1', { status: 'compensating' }), 1);

      expect(claim?.version).toBe(2);
      await expect(staleSave).rejects.toBeInstanceOf(ConcurrencyError);
      expect((await sagas().save(sagaUpdate('saga-1', { status: 'compensating' }), 2)).version).toBe(3);
    });

    it('claims only sagas of the given types, at most limit', async () => {
      for (const sagaId of ['saga-1', 'saga-2', 'saga-3']) await sagas().save(sagaUpdate(sagaId), 0);
      await sagas().save(sagaUpdate('saga-4', { sagaType: 'RefundSaga' }), 0);

      const claimed = await sagas().claimExpired({
        owner: 'worker-a',
        leaseMs: LEASE_MS,
        statuses: ACTIVE,
        sagaTypes: ['OrderSaga'],
        limit: 2,
      });

      expect(claimed).toHaveLength(2);
      expect(claimed.every((record) => record.sagaType === 'OrderSaga')).toBe(true);
    });

    it(`gives each saga to exactly one of ${CLAIMERS} concurrent claimers`, async () => {
      const sagaIds = Array.from({ length: 12 }, (_, index) => `saga-${index + 1}`);
      for (const sagaId of sagaIds) await sagas().save(sagaUpdate(sagaId), 0);

      const claims = await Promise.all(
        Array.from({ length: CLAIMERS }, (_, claimer) =>
          sagas().claimExpired({ owner: `worker-${claimer}`, leaseMs: LEASE_MS, statuses: ACTIVE }),
        ),
      );

      expect(idsOf(claims.flat())).toEqual([...sagaIds].sort());
      for (const [claimer, claimed] of claims.entries()) {
        for (const record of claimed)
          expect((await sagas().load(record.sagaId))?.lease?.owner).toBe(`worker-${claimer}`);
      }
    });

    it('renews the lease for the owner holding it', async () => {
      await sagas().save(sagaUpdate('saga-1'), 0);
      const [claimed] = await sagas().claimExpired({ owner: 'worker-a', leaseMs: LEASE_MS, statuses: ACTIVE });

      expect(await sagas().renewLease('saga-1', 'worker-a', LEASE_MS * 2)).toBe(true);

      const lease = (await sagas().load('saga-1'))?.lease;
      expect(lease?.owner).toBe('worker-a');
      expect(Date.parse(lease?.expiresAt ?? '')).toBeGreaterThan(Date.parse(claimed?.lease?.expiresAt ?? ''));
    });

    it('refuses to renew a lease another owner holds, leaving it unchanged', async () => {
      await sagas().save(sagaUpdate('saga-1', { lease: LIVE_LEASE }), 0);

      expect(await sagas().renewLease('saga-1', 'worker-b', LEASE_MS)).toBe(false);

      expect((await sagas().load('saga-1'))?.lease).toEqual(LIVE_LEASE);
    });

    it('refuses to renew a lease on a saga never saved', async () => {
      expect(await sagas().renewLease('saga-404', 'worker-a', LEASE_MS)).toBe(false);
    });

    it('keeps the lease when a save leaves it out, and releases it when a save gives null', async () => {
      await sagas().save(sagaUpdate('saga-1', { lease: LIVE_LEASE }), 0);

      const kept = await sagas().save(sagaUpdate('saga-1'), 1);
      const released = await sagas().save(sagaUpdate('saga-1', { lease: null }), 2);

      expect(kept.lease).toEqual(LIVE_LEASE);
      expect(released.lease).toBeUndefined();
      expect(idsOf(await sagas().claimExpired({ owner: 'worker-a', leaseMs: LEASE_MS, statuses: ACTIVE }))).toEqual([
        'saga-1',
      ]);
    });

    itWithClock(clock, 'lets another owner claim a saga once its claimed lease expired', async () => {
      await sagas().save(sagaUpdate('saga-1'), 0);
      await sagas().claimExpired({ owner: 'worker-a', leaseMs: LEASE_MS, statuses: ACTIVE });
      expect(await sagas().claimExpired({ owner: 'worker-b', leaseMs: LEASE_MS, statuses: ACTIVE })).toEqual([]);

      await clock?.advance(LEASE_MS + 1);

      const claimed = await sagas().claimExpired({ owner: 'worker-b', leaseMs: LEASE_MS, statuses: ACTIVE });
      expect(claimed.map((record) => record.lease?.owner)).toEqual(['worker-b']);
      expect(await sagas().renewLease('saga-1', 'worker-a', LEASE_MS)).toBe(false);
    });
  });
}
