import type { DeadLetterQueue } from '@orchestrix/core';
import { describe } from 'vitest';
import { useSubject } from '../../internal/use-subject';
import type { ContractHarness } from '../contract-harness';
import { describeQueueContent } from './queue-content';
import { describeRedrive } from './redrive';

/**
 * Registers the DeadLetterQueue conformance tests (SPEC §5): letters as plain frozen data with their own
 * id, list/count filters oldest first, get/remove/clear, and redrive to each letter's own handler.
 * `harness.create()` must return an empty queue.
 *
 * @example
 * deadLetterQueueContract('InMemoryDeadLetterQueue', { create: () => new InMemoryDeadLetterQueue() });
 */
export function deadLetterQueueContract<T extends DeadLetterQueue>(name: string, harness: ContractHarness<T>): void {
  describe(`${name} honours the DeadLetterQueue contract`, () => {
    const queue = useSubject(harness);
    describeQueueContent(queue);
    describeRedrive(queue);
  });
}
