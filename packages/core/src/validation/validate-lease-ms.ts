import { ValidationError } from '../errors/validation-error';

/**
 * Checks a lease duration, as checkpoint and saga state stores take it: a finite number of milliseconds
 * above zero.
 *
 * @throws {@link ValidationError} with field `leaseMs` for zero, a negative number, `NaN`, an infinity or
 * a value that is not a number.
 * @example
 * validateLeaseMs(leaseMs);
 */
export function validateLeaseMs(leaseMs: number): void {
  if (typeof leaseMs !== 'number' || !Number.isFinite(leaseMs) || leaseMs <= 0) {
    throw new ValidationError('leaseMs', leaseMs, 'leaseMs must be a positive number of milliseconds');
  }
}
