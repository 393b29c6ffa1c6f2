import { afterEach, beforeEach } from 'vitest';
import type { ContractHarness } from '../contracts/contract-harness';

/**
 * Registers `beforeEach`/`afterEach` hooks that create a subject with `harness` and dispose of it, and
 * returns the accessor the tests read it with.
 */
export function useSubject<T>(harness: ContractHarness<T>): () => T {
  let holder: [T] | undefined;
  beforeEach(async () => {
    holder = [await harness.create()];
  });
  afterEach(async () => {
    const current = holder;
    holder = undefined;
    if (current !== undefined) await harness.dispose?.(current[0]);
  });
  return () => {
    if (holder === undefined) throw new Error('The contract subject is only available inside a test.');
    return holder[0];
  };
}
