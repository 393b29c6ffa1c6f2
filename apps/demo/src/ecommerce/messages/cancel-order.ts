import { defineCommand, validateNotEmpty } from '@orchestrix/core';

/**
 * Asks to cancel order `orderId`, saying why.
 *
 * @throws {@link ValidationError} from the factory for an empty id or reason.
 * @example const command = CancelOrder({ orderId: 'order-1001', reason: 'customer changed their mind' });
 */
export const CancelOrder = defineCommand('CancelOrder', (input: { orderId: string; reason: string }) => {
  validateNotEmpty(input.orderId, 'orderId');
  validateNotEmpty(input.reason, 'reason');
  return input;
});
