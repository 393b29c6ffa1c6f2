import { defineCommand } from '@orchestrix/core';
import { validateExpectedVersion } from '../validate-expected-version';
import { validateText } from '../validate-text';

/**
 * Asks to cancel order `orderId`, optionally saying why; it must not have shipped. `expectedVersion`
 * works as in `PayOrder`.
 *
 * @throws {@link ValidationError} from the factory for an empty id, a `reason` that is given but empty
 * or not a string, or an invalid `expectedVersion`.
 * @example const command = CancelOrder({ orderId: 'order-1', reason: 'found it cheaper' });
 */
export const CancelOrder = defineCommand(
  'CancelOrder',
  (input: { orderId: string; reason?: string; expectedVersion?: number }) => {
    validateText(input.orderId, 'orderId');
    if (input.reason !== undefined) validateText(input.reason, 'reason');
    validateExpectedVersion(input.expectedVersion);
    const { orderId, reason, expectedVersion } = input;
    return { orderId, reason: reason ?? null, ...(expectedVersion === undefined ? {} : { expectedVersion }) };
  },
);
