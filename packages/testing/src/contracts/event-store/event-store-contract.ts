import type { EventStore } from '@orchestrix/core';
import { describe } from 'vitest';
import { useSubject } from '../../internal/use-subject';
import type { ContractHarness } from '../contract-harness';
import { describeConcurrency } from './concurrency';
import { describeExpectedVersion } from './expected-version';
import { describeIdempotentAppend } from './idempotent-append';
import { describeNumbering } from './numbering';
import { describeReadAll } from './read-all';
import { describeStoredData } from './stored-data';
import { type CreateWithUpcasters, describeUpcasting } from './upcasting';
import { describeValidation } from './validation';

/** A harness for an event store; `createWithUpcasters`, when given, also runs the upcasting tests. */
export interface EventStoreContractHarness<T extends EventStore> extends ContractHarness<T> {
  /** Builds a new, empty store that upcasts on read with `upcasters`. */
  createWithUpcasters?: CreateWithUpcasters<T>;
}

/**
 * Registers the EventStore conformance tests (SPEC §4 and §9): numbering, expected versions, real
 * concurrency, idempotent appends, the global feed, stored data and validation. Every adapter runs them
 * unchanged. `harness.create()` must return an empty store; give `createWithUpcasters` to test upcasting.
 *
 * @example
 * eventStoreContract('InMemoryEventStore', { create: () => new InMemoryEventStore() });
 */
export function eventStoreContract<T extends EventStore>(name: string, harness: EventStoreContractHarness<T>): void {
  describe(`${name} honours the EventStore contract`, () => {
    const store = useSubject(harness);
    describeNumbering(store);
    describeExpectedVersion(store);
    describeConcurrency(store);
    describeIdempotentAppend(store);
    describeReadAll(store);
    describeStoredData(store);
    describeValidation(store);
    if (harness.createWithUpcasters !== undefined) {
      describeUpcasting(harness.createWithUpcasters, harness.dispose?.bind(harness));
    }
  });
}
