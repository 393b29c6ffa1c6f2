import { ValidationError } from '../errors/validation-error';

/**
 * Checks that `value` is a finite number above zero.
 *
 * @param field - Names the input in the error, e.g. `totalAmount`.
 * @throws {@link ValidationError} (`totalAmount must be positive`) for zero, a negative number, `NaN`,
 * an infinity or a value that is not a number.
 * @example
 * validatePositive(command.totalAmount, 'totalAmount');
 */
export function validatePositive(value: number, field: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ValidationError(field, value, `${field} must be positive`);
  }
}
