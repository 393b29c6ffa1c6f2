import { ValidationError } from '../errors/validation-error';

/**
 * Checks that `value` is a string with a non-blank character.
 *
 * @internal Shared by core's store input checks; not exported from the package.
 * @throws {@link ValidationError} (`sagaId cannot be empty`) naming `field`.
 */
export function validateText(value: unknown, field: string): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ValidationError(field, value, `${field} cannot be empty`);
  }
}
