import { ValidationError, validatePositive } from '@orchestrix/core';

/** The longest timeout a timer honours (2^31 - 1 ms, about 24.8 days): `AbortSignal.timeout` fires at once beyond it. */
export const MAX_TIMEOUT_MS = 2_147_483_647;

/**
 * Checks a timeout option: a positive number of milliseconds no longer than {@link MAX_TIMEOUT_MS}.
 *
 * @internal Shared by the saga's modules; not part of the public API.
 * @throws {@link ValidationError} naming `field`.
 */
export function validateTimeoutMs(value: number | undefined, field: string): void {
  if (value === undefined) return;
  validatePositive(value, field);
  if (value > MAX_TIMEOUT_MS) {
    throw new ValidationError(field, value, `${field} must be at most ${MAX_TIMEOUT_MS} ms (about 24.8 days)`);
  }
}
