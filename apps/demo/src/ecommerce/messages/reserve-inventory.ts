import { defineCommand, validateNotEmpty } from '@orchestrix/core';

/**
 * Asks to reserve the items of order `orderId` in the warehouse.
 *
 * @throws {@link ValidationError} from the factory for an empty id.
 * @example const command = ReserveInventory({ orderId: 'order-1001' });
 */
export const ReserveInventory = defineCommand('ReserveInventory', (input: { orderId: string }) => {
  validateNotEmpty(input.orderId, 'orderId');
  return input;
});
