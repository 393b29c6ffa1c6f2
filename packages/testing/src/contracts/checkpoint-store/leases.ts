import type { CheckpointLease, CheckpointStore } from '@orchestrix/core';
import { describe, expect, it, type TestContext } from 'vitest';
import type { FakeClock } from '../../clock/fake-clock';
import { itWithClock } from '../../internal/it-with-clock';

const LEASE_MS = 30_000;
const OWNERS = 8;

type Leasing = Required<Pick<CheckpointStore, 'acquireLease'>> & CheckpointStore;

function leasing(checkpoints: CheckpointStore, context: TestContext): Leasing {
  if (checkpoints.acquireLease === undefined) context.skip('the store offers no acquireLease');
  return checkpoints as Leasing;
}

/** Registers the tests of the optional leases; skipped for a store without `acquireLease`. */
export function describeLeases(checkpoints: () => CheckpointStore, clock: FakeClock | undefined): void {
  describe('leases', () => {
    it('gives the lease to its first owner', async (context) => {
      const store = leasing(checkpoints(), context);

      const lease = await store.acquireLease('orders-view', 'runner-a', LEASE_MS);

      expect(lease).toMatchObject({ name: 'orders-view', owner: 'runner-a', fencingToken: expect.any(Number) });
      expect(Number.isNaN(Date.parse(lease?.expiresAt ?? ''))).toBe(false);
      if (clock !== undefined) {
        expect(lease?.expiresAt).toBe(new Date(clock.now().getTime() + LEASE_MS).toISOString());
      }
    });

    it('refuses the lease to another owner while it is held', async (context) => {
      const store = leasing(checkpoints(), context);
      await store.acquireLease('orders-view', 'runner-a', LEASE_MS);

      expect(await store.acquireLease('orders-view', 'runner-b', LEASE_MS)).toBeUndefined();
    });

    it('renews the lease for the owner holding it, keeping its fencing token', async (context) => {
      const store = leasing(checkpoints(), context);
      const first = await store.acquireLease('orders-view', 'runner-a', LEASE_MS);

      const renewed = await store.acquireLease('orders-view', 'runner-a', LEASE_MS);

      expect(renewed).toMatchObject({ owner: 'runner-a', fencingToken: first?.fencingToken });
      expect(Date.parse(renewed?.expiresAt ?? '')).toBeGreaterThanOrEqual(Date.parse(first?.expiresAt ?? ''));
    });

    it('keeps leases of different names apart', async (context) => {
      const store = leasing(checkpoints(), context);
      await store.acquireLease('orders-view', 'runner-a', LEASE_MS);

      expect(await store.acquireLease('invoices-view', 'runner-b', LEASE_MS)).toMatchObject({ owner: 'runner-b' });
    });

    it(`gives the lease to exactly one of ${OWNERS} concurrent owners`, async (context) => {
      const store = leasing(checkpoints(), context);

      const leases = await Promise.all(
        Array.from({ length: OWNERS }, (_, owner) => store.acquireLease('orders-view', `runner-${owner}`, LEASE_MS)),
      );

      expect(leases.filter((lease) => lease !== undefined)).toHaveLength(1);
    });

    it('hands a released lease to another owner with a higher fencing token', async (context) => {
      const store = leasing(checkpoints(), context);
      if (store.releaseLease === undefined) context.skip('the store offers no releaseLease');
      const first = await store.acquireLease('orders-view', 'runner-a', LEASE_MS);

      await store.releaseLease?.('orders-view', 'runner-a');
      const second = await store.acquireLease('orders-view', 'runner-b', LEASE_MS);

      expect(second?.owner).toBe('runner-b');
      expect(second?.fencingToken).toBeGreaterThan(first?.fencingToken ?? Number.POSITIVE_INFINITY);
    });

    it('ignores a release by an owner that does not hold the lease', async (context) => {
      const store = leasing(checkpoints(), context);
      if (store.releaseLease === undefined) context.skip('the store offers no releaseLease');
      await store.acquireLease('orders-view', 'runner-a', LEASE_MS);

      await store.releaseLease?.('orders-view', 'runner-b');

      expect(await store.acquireLease('orders-view', 'runner-b', LEASE_MS)).toBeUndefined();
    });

    itWithClock(clock, 'hands an expired lease to another owner with a higher fencing token', async (context) => {
      const store = leasing(checkpoints(), context);
      const first = await store.acquireLease('orders-view', 'runner-a', LEASE_MS);

      await clock?.advance(LEASE_MS + 1);
      const second: CheckpointLease | undefined = await store.acquireLease('orders-view', 'runner-b', LEASE_MS);

      expect(second?.owner).toBe('runner-b');
      expect(second?.fencingToken).toBeGreaterThan(first?.fencingToken ?? Number.POSITIVE_INFINITY);
    });

    itWithClock(clock, 'keeps a lease held until it expires', async (context) => {
      const store = leasing(checkpoints(), context);
      await store.acquireLease('orders-view', 'runner-a', LEASE_MS);

      await clock?.advance(LEASE_MS - 1);

      expect(await store.acquireLease('orders-view', 'runner-b', LEASE_MS)).toBeUndefined();
    });
  });
}
