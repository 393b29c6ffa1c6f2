/**
 * Tells the time and waits. Everything in Orchestrix that reads the time or waits (retry delays, polling,
 * timeouts) takes it from a `Clock`, so tests can drive time with a fake one instead of sleeping.
 *
 * @example
 * const clock: Clock = systemClock;
 * await clock.sleep(100, AbortSignal.timeout(50)); // rejects with the timeout's reason after 50 ms
 */
export interface Clock {
  /** Returns the current time. */
  now(): Date;

  /**
   * Resolves after `ms` milliseconds.
   *
   * @param signal - Aborting it cancels the wait: the promise rejects promptly with `signal.reason`, and
   * at once when the signal is already aborted.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;

  /**
   * Returns a signal that aborts after `ms` milliseconds. Join it to a caller's signal with
   * `AbortSignal.any([signal, clock.timeoutSignal(ms)])`.
   */
  timeoutSignal(ms: number): AbortSignal;
}
