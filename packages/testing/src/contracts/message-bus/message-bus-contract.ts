import type { MessageBus } from '@orchestrix/core';
import { describe } from 'vitest';
import { useSubject } from '../../internal/use-subject';
import type { ContractHarness } from '../contract-harness';
import { describeCommands } from './commands';
import { describeDeliverTo } from './deliver-to';
import { describeConcurrentDelivery, describeSequentialDelivery } from './delivery-mode';
import { describeFailures } from './failures';
import { describeMetadataPropagation } from './metadata-propagation';
import { describeRouting } from './routing';

/** Options of {@link messageBusContract}. */
export interface MessageBusContractOptions {
  /**
   * Also checks what only one kind of bus promises (SPEC §5): `'sequential'` (handlers one after
   * another, none after a failure) or `'concurrent'` (all at once, every failure listed). Unless given,
   * only what both promise is checked.
   */
  readonly delivery?: 'sequential' | 'concurrent';
}

/**
 * Registers the MessageBus conformance tests (SPEC §2, §5): routing, commands, failures, `deliverTo` and
 * metadata propagation. `harness.create()` must return a bus with no handlers, no retry policy and no
 * dead-letter queue.
 *
 * @example
 * messageBusContract('InMemoryMessageBus', { create: () => new InMemoryMessageBus() }, { delivery: 'sequential' });
 */
export function messageBusContract<T extends MessageBus>(
  name: string,
  harness: ContractHarness<T>,
  options: MessageBusContractOptions = {},
): void {
  describe(`${name} honours the MessageBus contract`, () => {
    const bus = useSubject(harness);
    describeRouting(bus);
    describeCommands(bus);
    describeFailures(bus);
    describeDeliverTo(bus);
    describeMetadataPropagation(bus);
    if (options.delivery === 'sequential') describeSequentialDelivery(bus);
    if (options.delivery === 'concurrent') describeConcurrentDelivery(bus);
  });
}
