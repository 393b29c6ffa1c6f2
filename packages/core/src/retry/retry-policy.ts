/**
 * Decides whether a failed attempt is tried again, and after how long. Implemented by
 * {@link ExponentialBackoff}, {@link LinearBackoff}, {@link FixedDelay} and {@link NoRetry}; used by
 * {@link retry}, the message buses and saga steps.
 */
export interface RetryPolicy {
  /** How many times a failed operation is tried again: `3` means up to 4 attempts in total. */
  readonly maxRetries: number;

  /**
   * Returns the delay in milliseconds before the next attempt, or `undefined` when no retry is left.
   *
   * @param attempt - The 1-based number of the attempt that just failed.
   */
  delayBeforeRetry(attempt: number): number | undefined;
}
