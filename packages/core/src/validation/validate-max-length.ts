import { ValidationError } from '../errors/validation-error';
import { describeLength, lengthOf } from './describe-length';

/**
 * Checks that a string has at most `max` characters (Unicode code points) or an array at most `max` items.
 *
 * @param field - Names the input in the error, e.g. `comment`.
 * @throws {@link ValidationError} (`comment must have at most 500 characters`) when `value` is longer, or
 * is neither a string nor an array.
 * @example
 * validateMaxLength(command.comment, 500, 'comment');
 */
export function validateMaxLength(value: string | readonly unknown[], max: number, field: string): void {
  const length = lengthOf(value);
  if (length === undefined) {
    throw new ValidationError(field, value, `${field} must be a string or an array`);
  }
  if (length > max) {
    throw new ValidationError(field, value, `${field} must have at most ${describeLength(value, max)}`);
  }
}
