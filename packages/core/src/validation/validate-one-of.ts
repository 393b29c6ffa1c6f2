import { ValidationError } from '../errors/validation-error';

/**
 * Checks that `value` is one of `allowed` (compared with `===`), and narrows its type to them.
 *
 * @param field - Names the input in the error, e.g. `status`.
 * @throws {@link ValidationError} (`status must be one of: pending, shipped`) otherwise.
 * @example
 * validateOneOf(command.status, ['pending', 'shipped'], 'status'); // command.status: 'pending' | 'shipped'
 */
export function validateOneOf<const T>(value: unknown, allowed: readonly T[], field: string): asserts value is T {
  if (!allowed.some((candidate) => candidate === value)) {
    throw new ValidationError(field, value, `${field} must be one of: ${allowed.map(String).join(', ')}`);
  }
}
