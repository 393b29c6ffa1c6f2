import { ValidationError, validateMaxLength, validateNotEmpty } from '@orchestrix/core';

/** The longest id, product id or reason the shop takes, in characters. */
export const MAX_TEXT_LENGTH = 200;

/**
 * Checks that `value` is a string with a non-blank character and at most {@link MAX_TEXT_LENGTH}
 * characters. Core's `validateNotEmpty` alone would let a number through, and HTTP bodies hold anything.
 *
 * @param field - Names the input in the error, e.g. `customerId` or `items.0.productId`.
 * @throws {@link ValidationError} naming `field`.
 * @example validateText(input.customerId, 'customerId');
 */
export function validateText(value: unknown, field: string): asserts value is string {
  if (typeof value !== 'string') throw new ValidationError(field, value, `${field} must be a string`);
  validateNotEmpty(value, field);
  validateMaxLength(value, MAX_TEXT_LENGTH, field);
}
