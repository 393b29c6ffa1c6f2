import { ValidationError } from '../errors/validation-error';
import { describeLength, lengthOf } from './describe-length';

/**
 * Checks that a string has at least `min` characters (Unicode code points) or an array at least `min` items.
 *
 * @param field - Names the input in the error, e.g. `name`.
 * @throws {@link ValidationError} (`name must have at least 3 characters`) when `value` is shorter, or is
 * neither a string nor an array.
 * @example
 * validateMinLength(command.items, 1, 'items');
 */
export function validateMinLength(value: string | readonly unknown[], min: number, field: string): void {
  const length = lengthOf(value);
  if (length === undefined) {
    throw new ValidationError(field, value, `${field} must be a string or an array`);
  }
  if (length < min) {
    throw new ValidationError(field, value, `${field} must have at least ${describeLength(value, min)}`);
  }
}
