import type { SagaStateStore } from '@orchestrix/core';
import { describe } from 'vitest';
import type { FakeClock } from '../../clock/fake-clock';
import { useSubject } from '../../internal/use-subject';
import type { ContractHarness } from '../contract-harness';
import { describeSagaLeases } from './leases';
import { describeList } from './list';
import { describeVersioning } from './versioning';

/** Options of {@link sagaStateStoreContract}. */
export interface SagaStateStoreContractOptions {
  /**
   * The fake clock the harness gives the stores it creates. With it, the expiry of a claimed lease is
   * tested by advancing time; without it, that test is left out (the contract never sleeps).
   */
  readonly clock?: FakeClock;
}

/**
 * Registers the SagaStateStore conformance tests (SPEC §8): optimistic versions, frozen codec-checked
 * state, `list` filters, and leases (`claimExpired` by exactly one claimant, `renewLease`, releasing with
 * `lease: null`). `harness.create()` must return an empty store.
 *
 * @example
 * sagaStateStoreContract('InMemorySagaStateStore', { create: () => new InMemorySagaStateStore() });
 */
export function sagaStateStoreContract<T extends SagaStateStore>(
  name: string,
  harness: ContractHarness<T>,
  options: SagaStateStoreContractOptions = {},
): void {
  describe(`${name} honours the SagaStateStore contract`, () => {
    const sagas = useSubject(harness);
    describeVersioning(sagas);
    describeList(sagas);
    describeSagaLeases(sagas, options.clock);
  });
}
