import { ValidationError } from '../errors/validation-error';

/**
 * Checks that `value` is a number between `min` and `max`, both included.
 *
 * @param field - Names the input in the error, e.g. `rating`.
 * @throws {@link ValidationError} (`rating must be between 1 and 5`) for a number outside the range,
 * `NaN`, an infinity or a value that is not a number.
 * @example
 * validateInRange(command.rating, 1, 5, 'rating');
 */
export function validateInRange(value: number, min: number, max: number, field: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new ValidationError(field, value, `${field} must be between ${min} and ${max}`);
  }
}
