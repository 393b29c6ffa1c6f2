import type { CheckpointStore } from '@orchestrix/core';
import { describe } from 'vitest';
import type { FakeClock } from '../../clock/fake-clock';
import { useSubject } from '../../internal/use-subject';
import type { ContractHarness } from '../contract-harness';
import { describeCompareAndSet } from './compare-and-set';
import { describeLeases } from './leases';

/** Options of {@link checkpointStoreContract}. */
export interface CheckpointStoreContractOptions {
  /**
   * The fake clock the harness gives the stores it creates. With it, lease expiry is tested by
   * advancing time; without it, those tests are left out (the contract never sleeps).
   */
  readonly clock?: FakeClock;
}

/**
 * Registers the CheckpointStore conformance tests (SPEC §7): `load` gives `0n` when none, `store` is a
 * compare-and-set refusing stale writers with `ConcurrencyError`, and, for a store with `acquireLease`,
 * one lease owner at a time. `harness.create()` must return an empty store.
 *
 * @example
 * const clock = new FakeClock();
 * checkpointStoreContract('InMemoryCheckpointStore', { create: () => new InMemoryCheckpointStore({ clock }) }, { clock });
 */
export function checkpointStoreContract<T extends CheckpointStore>(
  name: string,
  harness: ContractHarness<T>,
  options: CheckpointStoreContractOptions = {},
): void {
  describe(`${name} honours the CheckpointStore contract`, () => {
    const checkpoints = useSubject(harness);
    describeCompareAndSet(checkpoints);
    describeLeases(checkpoints, options.clock);
  });
}
