import { requireAttempt, requireDelayMs, requireMaxDelayMs, requireRetryCount } from './policy-options';
import type { RetryPolicy } from './retry-policy';

/** Options of {@link LinearBackoff}; every one has a default. */
export interface LinearBackoffOptions {
  /** How many times to try again after the first attempt; default `3`. */
  readonly maxRetries?: number;
  /** The delay before the first retry, in milliseconds; default `1000`. */
  readonly initialDelayMs?: number;
  /** What each further delay adds, in milliseconds; default `1000`. */
  readonly incrementMs?: number;
  /** The longest delay, in milliseconds, never below `initialDelayMs`; default `60000`. */
  readonly maxDelayMs?: number;
}

/**
 * Waits a little longer after each failure: `min(initialDelayMs + incrementMs * (attempt - 1), maxDelayMs)`.
 *
 * @throws {@link ValidationError} naming the option when an option is invalid.
 * @example
 * const policy = new LinearBackoff({ maxRetries: 4, initialDelayMs: 200, incrementMs: 200 }); // 200, 400, 600, 800
 */
export class LinearBackoff implements RetryPolicy {
  readonly maxRetries: number;
  readonly initialDelayMs: number;
  readonly incrementMs: number;
  readonly maxDelayMs: number;

  constructor(options: LinearBackoffOptions = {}) {
    const { maxRetries = 3, initialDelayMs = 1000, incrementMs = 1000, maxDelayMs = 60000 } = options;
    this.maxRetries = requireRetryCount(maxRetries, 'maxRetries');
    this.initialDelayMs = requireDelayMs(initialDelayMs, 'initialDelayMs');
    this.incrementMs = requireDelayMs(incrementMs, 'incrementMs');
    this.maxDelayMs = requireMaxDelayMs(maxDelayMs, this.initialDelayMs);
  }

  /** Returns the delay before the attempt after `attempt`, or `undefined` once `maxRetries` are used. */
  delayBeforeRetry(attempt: number): number | undefined {
    if (requireAttempt(attempt) > this.maxRetries) return undefined;
    return Math.min(this.initialDelayMs + this.incrementMs * (attempt - 1), this.maxDelayMs);
  }
}
