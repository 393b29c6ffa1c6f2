import type { Clock } from '../clock/clock';
import { systemClock } from '../clock/system-clock';
import type { RetryPolicy } from './retry-policy';

/** Options of {@link retry}. */
export interface RetryOptions {
  /**
   * Aborting it makes `retry` reject promptly with `signal.reason`: before an attempt, during a delay, or
   * while an attempt runs (that attempt's own outcome is then ignored; pass the signal into the
   * operation to stop its work).
   */
  readonly signal?: AbortSignal;
  /** Returns `false` for an error that must not be retried: it is rethrown at once. Default: retry every error. */
  readonly retryOn?: (error: unknown, attempt: number) => boolean;
  /** Called after a failed attempt, just before waiting `delayMs` for the next one. */
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  /** Where the delays are spent; default {@link systemClock}. */
  readonly clock?: Clock;
}

/** Settles like `promise`, or rejects with `signal.reason` as soon as the signal aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Runs `operation` until it succeeds or `policy` has no retry left, waiting `policy.delayBeforeRetry(attempt)`
 * between attempts on `options.clock`.
 *
 * @param operation - Receives the 1-based attempt number; may return a value or a promise.
 * @returns The value of the first attempt that succeeds.
 * @throws The last attempt's error, unchanged, when retries run out or `retryOn` returns `false`; the
 * signal's `reason` when `options.signal` aborts.
 * @example
 * const invoice = await retry(() => fetchInvoice('invoice-1'), new ExponentialBackoff({ maxRetries: 5 }), {
 *   signal: AbortSignal.timeout(10_000),
 *   retryOn: (error) => error instanceof OrchestrixError && error.retryable,
 * });
 */
export async function retry<T>(
  operation: (attempt: number) => Promise<T> | T,
  policy: RetryPolicy,
  options: RetryOptions = {},
): Promise<T> {
  const { signal, retryOn, onRetry, clock = systemClock } = options;
  for (let attempt = 1; ; attempt += 1) {
    signal?.throwIfAborted();
    try {
      return await untilAborted(Promise.resolve(operation(attempt)), signal);
    } catch (error) {
      // An abort ends the retries, whatever the operation threw.
      signal?.throwIfAborted();
      if (!(retryOn?.(error, attempt) ?? true)) throw error;
      const delayMs = policy.delayBeforeRetry(attempt);
      if (delayMs === undefined) throw error;
      onRetry?.(error, attempt, delayMs);
      await untilAborted(clock.sleep(delayMs, signal), signal);
    }
  }
}
