import { defineCommand, validateNotEmpty } from '@orchestrix/core';
import { type OrderItem, validateOrderItems } from '../order-item';

/**
 * Asks to place order `orderId` for `customerId`.
 *
 * @throws {@link ValidationError} from the factory for empty ids, no items, or an item without a
 * product, a positive quantity or a positive price (the field names the item: `items.1.quantity`).
 * @example const command = PlaceOrder({ orderId: 'order-1001', customerId: 'customer-7', items: [{ productId: 'keyboard-k2', quantity: 2, unitPrice: 29.99 }] });
 */
export const PlaceOrder = defineCommand(
  'PlaceOrder',
  (input: { orderId: string; customerId: string; items: readonly OrderItem[] }) => {
    validateNotEmpty(input.orderId, 'orderId');
    validateNotEmpty(input.customerId, 'customerId');
    validateOrderItems(input.items);
    return input;
  },
);
