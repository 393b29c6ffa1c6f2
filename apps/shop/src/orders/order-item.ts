import { ValidationError, validateMaxLength, validateNotEmpty, validatePositive } from '@orchestrix/core';
import { validateText } from './validate-text';

/** The most lines one order may have. */
export const MAX_ORDER_ITEMS = 100;

/** One line of an order: how many units of a product, at what price each. */
export interface OrderItem {
  readonly productId: string;
  /** A whole number of units, at least 1. */
  readonly quantity: number;
  /** The price of one unit, above zero, in the currency's units. */
  readonly unitPrice: number;
}

function toOrderItem(item: unknown, field: string): OrderItem {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw new ValidationError(field, item, `${field} must be an object with productId, quantity and unitPrice`);
  }
  const { productId, quantity, unitPrice } = item as Record<string, unknown>;
  validateText(productId, `${field}.productId`);
  if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity < 1) {
    throw new ValidationError(`${field}.quantity`, quantity, `${field}.quantity must be a whole number of at least 1`);
  }
  validatePositive(unitPrice as number, `${field}.unitPrice`);
  return { productId, quantity, unitPrice: unitPrice as number };
}

/**
 * Checks an order's items, given as anything (an HTTP body holds anything), and returns them as new
 * objects with only the three known fields: at least one and at most {@link MAX_ORDER_ITEMS}, each with a
 * product id, a whole quantity of at least 1 and a positive unit price.
 *
 * @throws {@link ValidationError} naming the first offending field by path, e.g. `items.1.quantity`.
 * @example const items = validateOrderItems([{ productId: 'keyboard-k2', quantity: 2, unitPrice: 29.99 }]);
 */
export function validateOrderItems(items: unknown): OrderItem[] {
  validateNotEmpty(items as readonly unknown[] | undefined, 'items');
  if (!Array.isArray(items)) {
    throw new ValidationError('items', items, 'items must be an array of { productId, quantity, unitPrice }');
  }
  validateMaxLength(items, MAX_ORDER_ITEMS, 'items');
  return items.map((item: unknown, index) => toOrderItem(item, `items.${index}`));
}

/**
 * The sum of quantity × unit price, rounded to cents.
 *
 * @example totalOf([{ productId: 'mouse-m1', quantity: 3, unitPrice: 0.1 }]); // 0.3
 */
export function totalOf(items: readonly OrderItem[]): number {
  const cents = items.reduce((sum, item) => sum + Math.round(item.quantity * item.unitPrice * 100), 0);
  return cents / 100;
}
