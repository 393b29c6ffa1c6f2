import { ValidationError } from '../errors/validation-error';

/**
 * Checks a retry count option: a non-negative integer.
 *
 * @internal Shared by the retry policies; not part of the public API.
 * @throws {@link ValidationError} naming `field` otherwise.
 */
export function requireRetryCount(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new ValidationError(field, value, `${field} must be a non-negative integer, e.g. 3`);
  }
  return value;
}

/**
 * Checks a duration option: a finite, non-negative number of milliseconds.
 *
 * @internal Shared by the retry policies; not part of the public API.
 * @throws {@link ValidationError} naming `field` otherwise.
 */
export function requireDelayMs(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ValidationError(field, value, `${field} must be a finite, non-negative number of milliseconds`);
  }
  return value;
}

/**
 * Checks that `maxDelayMs` is not below `initialDelayMs`.
 *
 * @internal Shared by the retry policies; not part of the public API.
 * @throws {@link ValidationError} naming `maxDelayMs` otherwise.
 */
export function requireMaxDelayMs(maxDelayMs: unknown, initialDelayMs: number): number {
  const checked = requireDelayMs(maxDelayMs, 'maxDelayMs');
  if (checked < initialDelayMs) {
    throw new ValidationError(
      'maxDelayMs',
      maxDelayMs,
      `maxDelayMs (${checked}) must not be below initialDelayMs (${initialDelayMs})`,
    );
  }
  return checked;
}

/**
 * Checks the `attempt` handed to `delayBeforeRetry`: a positive integer.
 *
 * @internal Shared by the retry policies; not part of the public API.
 * @throws {@link ValidationError} naming `attempt` otherwise.
 */
export function requireAttempt(attempt: unknown): number {
  if (typeof attempt !== 'number' || !Number.isInteger(attempt) || attempt < 1) {
    throw new ValidationError('attempt', attempt, 'attempt must be a positive integer: the first attempt is 1');
  }
  return attempt;
}
