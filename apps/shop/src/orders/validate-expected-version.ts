import { ValidationError } from '@orchestrix/core';

/**
 * Checks an optional `expectedVersion`: absent, or a whole number of at least 1 (the version of the order
 * the client last read; an order is at version 1 once placed).
 *
 * @throws {@link ValidationError} with field `expectedVersion`.
 * @example validateExpectedVersion(input.expectedVersion);
 */
export function validateExpectedVersion(value: unknown): asserts value is number | undefined {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new ValidationError('expectedVersion', value, 'expectedVersion must be a whole number of at least 1');
  }
}
