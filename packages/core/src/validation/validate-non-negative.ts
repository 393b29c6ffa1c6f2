import { ValidationError } from '../errors/validation-error';

/**
 * Checks that `value` is a finite number of zero or more.
 *
 * @param field - Names the input in the error, e.g. `quantity`.
 * @throws {@link ValidationError} (`quantity must not be negative`) for a negative number, `NaN`, an
 * infinity or a value that is not a number.
 * @example
 * validateNonNegative(command.discount, 'discount');
 */
export function validateNonNegative(value: number, field: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ValidationError(field, value, `${field} must not be negative`);
  }
}
