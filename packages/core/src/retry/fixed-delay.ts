import { requireAttempt, requireDelayMs, requireRetryCount } from './policy-options';
import type { RetryPolicy } from './retry-policy';

/** Options of {@link FixedDelay}. */
export interface FixedDelayOptions {
  /** How many times to try again after the first attempt. */
  readonly maxRetries: number;
  /** The delay before every retry, in milliseconds. */
  readonly delayMs: number;
}

/**
 * Waits the same `delayMs` before every retry, up to `maxRetries` times.
 *
 * @throws {@link ValidationError} naming the option when an option is invalid.
 * @example
 * new SagaStep({ name: 'inventory', action: reserveStock, retry: new FixedDelay({ maxRetries: 2, delayMs: 100 }) });
 */
export class FixedDelay implements RetryPolicy {
  readonly maxRetries: number;
  readonly delayMs: number;

  constructor(options: FixedDelayOptions) {
    this.maxRetries = requireRetryCount(options.maxRetries, 'maxRetries');
    this.delayMs = requireDelayMs(options.delayMs, 'delayMs');
  }

  /** Returns `delayMs`, or `undefined` once `maxRetries` are used. */
  delayBeforeRetry(attempt: number): number | undefined {
    return requireAttempt(attempt) > this.maxRetries ? undefined : this.delayMs;
  }
}
