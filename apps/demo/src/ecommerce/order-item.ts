import { validateNotEmpty, validatePositive } from '@orchestrix/core';

/** One line of an order: how many units of a product, at what price each. */
export interface OrderItem {
  readonly productId: string;
  readonly quantity: number;
  readonly unitPrice: number;
}

/**
 * Checks an order's items: at least one, each with a product id, a positive whole quantity and a
 * positive unit price. Fields are named by path, e.g. `items.1.quantity`.
 *
 * @throws {@link ValidationError} naming the first offending field.
 */
export function validateOrderItems(items: readonly OrderItem[]): void {
  validateNotEmpty(items, 'items');
  items.forEach((item, index) => {
    validateNotEmpty(item.productId, `items.${index}.productId`);
    validatePositive(item.quantity, `items.${index}.quantity`);
    validatePositive(item.unitPrice, `items.${index}.unitPrice`);
  });
}

/** The sum of quantity × unit price, rounded to cents. */
export function totalOf(items: readonly OrderItem[]): number {
  const cents = items.reduce((sum, item) => sum + Math.round(item.quantity * item.unitPrice * 100), 0);
  return cents / 100;
}
