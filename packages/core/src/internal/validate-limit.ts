import { ValidationError } from '../errors/validation-error';

/**
 * Checks an optional `limit` of a listing: a whole number of at least 0 (0 lists nothing).
 *
 * @internal Shared by core's filter checks; not exported from the package.
 * @throws {@link ValidationError} with field `limit`.
 */
export function validateLimit(limit: number | undefined): void {
  if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 0)) {
    throw new ValidationError('limit', limit, 'limit must be a whole number of at least 0');
  }
}
