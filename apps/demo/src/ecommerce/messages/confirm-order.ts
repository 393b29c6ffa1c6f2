import { defineCommand, validateNotEmpty } from '@orchestrix/core';

/**
 * Asks to confirm order `orderId` once it is paid and its items are reserved.
 *
 * @throws {@link ValidationError} from the factory for an empty id.
 * @example const command = ConfirmOrder({ orderId: 'order-1001' });
 */
export const ConfirmOrder = defineCommand('ConfirmOrder', (input: { orderId: string }) => {
  validateNotEmpty(input.orderId, 'orderId');
  return input;
});
