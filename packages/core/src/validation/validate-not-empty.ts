import { ValidationError } from '../errors/validation-error';

/**
 * Checks that `value` holds something: a string with a non-blank character or an array with an item.
 *
 * @param field - Names the input in the error, e.g. `orderId`.
 * @throws {@link ValidationError} (`orderId cannot be empty`) for `null`, `undefined`, an empty or
 * whitespace-only string, or an empty array; (`orderId must be a string or a list`) for any other type,
 * such as a number from parsed JSON.
 * @example
 * validateNotEmpty(command.orderId, 'orderId');
 */
export function validateNotEmpty<T extends string | readonly unknown[]>(
  value: T | null | undefined,
  field: string,
): asserts value is T {
  const isEmpty =
    value === null ||
    value === undefined ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0);
  if (isEmpty) throw new ValidationError(field, value, `${field} cannot be empty`);
  if (typeof value !== 'string' && !Array.isArray(value)) {
    throw new ValidationError(field, value, `${field} must be a string or a list`);
  }
}
