import { defineCommand, validateNotEmpty, validatePositive } from '@orchestrix/core';

/**
 * Asks to take payment of `amount` for order `orderId`.
 *
 * @throws {@link ValidationError} from the factory for an empty id or an amount that is not positive.
 * @example const command = PayOrder({ orderId: 'order-1001', amount: 109.97 });
 */
export const PayOrder = defineCommand('PayOrder', (input: { orderId: string; amount: number }) => {
  validateNotEmpty(input.orderId, 'orderId');
  validatePositive(input.amount, 'amount');
  return input;
});
