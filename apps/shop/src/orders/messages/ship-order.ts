import { defineCommand } from '@orchestrix/core';
import { validateExpectedVersion } from '../validate-expected-version';
import { validateText } from '../validate-text';

/**
 * Asks to ship order `orderId`, which must be PAID. `expectedVersion` works as in `PayOrder`.
 *
 * @throws {@link ValidationError} from the factory for an empty id or an invalid `expectedVersion`.
 * @example const command = ShipOrder({ orderId: 'order-1' });
 */
export const ShipOrder = defineCommand('ShipOrder', (input: { orderId: string; expectedVersion?: number }) => {
  validateText(input.orderId, 'orderId');
  validateExpectedVersion(input.expectedVersion);
  const { orderId, expectedVersion } = input;
  return { orderId, ...(expectedVersion === undefined ? {} : { expectedVersion }) };
});
