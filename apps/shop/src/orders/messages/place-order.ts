import { defineCommand } from '@orchestrix/core';
import { type OrderItem, validateOrderItems } from '../order-item';
import { validateText } from '../validate-text';

/**
 * Asks to place order `orderId` for `customerId`. The factory checks every field at runtime, whatever its
 * static type, and keeps only the known fields.
 *
 * @throws {@link ValidationError} from the factory for an empty or non-string id, no items, or an item
 * without a product, a whole quantity of at least 1 or a positive price (the field names the item:
 * `items.1.quantity`).
 * @example const command = PlaceOrder({ orderId: 'order-1', customerId: 'customer-7', items: [{ productId: 'keyboard-k2', quantity: 2, unitPrice: 29.99 }] });
 */
export const PlaceOrder = defineCommand(
  'PlaceOrder',
  (input: { orderId: string; customerId: string; items: readonly OrderItem[] }) => {
    validateText(input.orderId, 'orderId');
    validateText(input.customerId, 'customerId');
    const items = validateOrderItems(input.items);
    return { orderId: input.orderId, customerId: input.customerId, items };
  },
);
