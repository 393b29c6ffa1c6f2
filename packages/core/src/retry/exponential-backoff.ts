import { ValidationError } from '../errors/validation-error';
import { requireAttempt, requireDelayMs, requireMaxDelayMs, requireRetryCount } from './policy-options';
import type { RetryPolicy } from './retry-policy';

/** Options of {@link ExponentialBackoff}; every one has a default. */
export interface ExponentialBackoffOptions {
  /** How many times to try again after the first attempt; default `3`. */
  readonly maxRetries?: number;
  /** The delay before the first retry, in milliseconds; default `1000`. */
  readonly initialDelayMs?: number;
  /** What each further delay is multiplied by, at least `1`; default `2`. */
  readonly multiplier?: number;
  /** The longest delay, in milliseconds, never below `initialDelayMs`; default `60000`. */
  readonly maxDelayMs?: number;
  /** Picks each delay at random between half of it and all of it, so clients do not retry in step; default `true`. */
  readonly jitter?: boolean;
}

/**
 * Waits longer after each failure: `min(initialDelayMs * multiplier ** (attempt - 1), maxDelayMs)`, or with
 * `jitter` a random delay between half of that and all of it (so never above `maxDelayMs`).
 *
 * @throws {@link ValidationError} naming the option when an option is invalid.
 * @example
 * const policy = new ExponentialBackoff({ maxRetries: 5, initialDelayMs: 100 });
 * await retry(() => fetchInvoice('invoice-1'), policy);
 */
export class ExponentialBackoff implements RetryPolicy {
  readonly maxRetries: number;
  readonly initialDelayMs: number;
  readonly multiplier: number;
  readonly maxDelayMs: number;
  readonly jitter: boolean;

  constructor(options: ExponentialBackoffOptions = {}) {
    const { maxRetries = 3, initialDelayMs = 1000, multiplier = 2, maxDelayMs = 60000, jitter = true } = options;
    this.maxRetries = requireRetryCount(maxRetries, 'maxRetries');
    this.initialDelayMs = requireDelayMs(initialDelayMs, 'initialDelayMs');
    if (typeof multiplier !== 'number' || !Number.isFinite(multiplier) || multiplier < 1) {
      throw new ValidationError('multiplier', multiplier, 'multiplier must be a finite number of at least 1');
    }
    this.multiplier = multiplier;
    this.maxDelayMs = requireMaxDelayMs(maxDelayMs, this.initialDelayMs);
    if (typeof jitter !== 'boolean') {
      throw new ValidationError('jitter', jitter, 'jitter must be true or false');
    }
    this.jitter = jitter;
  }

  /** Returns the delay before the attempt after `attempt`, or `undefined` once `maxRetries` are used. */
  delayBeforeRetry(attempt: number): number | undefined {
    if (requireAttempt(attempt) > this.maxRetries) return undefined;
    // A zero initial delay stays zero; this also avoids 0 * Infinity when the power overflows.
    const delayMs =
      this.initialDelayMs === 0 ? 0 : Math.min(this.initialDelayMs * this.multiplier ** (attempt - 1), this.maxDelayMs);
    return this.jitter ? delayMs / 2 + Math.random() * (delayMs / 2) : delayMs;
  }
}
