import { type Clock, TimeoutError } from '@orchestrix/core';

/**
 * How one attempt of an action or compensation ended: it `succeeded` with its value, `failed` with its
 * error, `timed_out` (its outcome is unknown), or was `interrupted` because the run's signal aborted.
 *
 * @internal Shared by the saga's modules; not part of the public API.
 */
export type AttemptOutcome =
  | { readonly status: 'succeeded'; readonly value: unknown }
  | { readonly status: 'failed'; readonly error: unknown }
  | { readonly status: 'timed_out'; readonly error: TimeoutError }
  | { readonly status: 'interrupted' };

/** Options of {@link attemptOnce}. */
export interface AttemptOptions {
  /** Aborting it interrupts the attempt: the saga timed out, or another process owns the saga now. */
  readonly signal: AbortSignal;
  readonly clock: Clock;
  /** Bounds the attempt, in milliseconds. */
  readonly timeoutMs: number | undefined;
  /** Names the attempt in its `TimeoutError`, e.g. `Step "payment" of saga OrderSaga "…"`. */
  readonly operation: string;
}

/** Settles like `promise`, or rejects as soon as `signal` aborts (the promise is then left to itself). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) onAbort();
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
 * Runs `work` once with a signal that aborts on the attempt's timeout or the run's signal, and reports how
 * it ended without waiting for work that ignores an aborted signal.
 *
 * @internal Shared by the saga's modules; not part of the public API.
 */
export async function attemptOnce(
  work: (signal: AbortSignal) => unknown,
  options: AttemptOptions,
): Promise<AttemptOutcome> {
  const { timeoutMs, clock } = options;
  if (options.signal.aborted) return { status: 'interrupted' };
  const timeout = timeoutMs === undefined ? undefined : clock.timeoutSignal(timeoutMs);
  const signal = timeout === undefined ? options.signal : AbortSignal.any([options.signal, timeout]);
  try {
    const value = await untilAborted(new Promise<unknown>((resolve) => resolve(work(signal))), signal);
    return { status: 'succeeded', value };
  } catch (error) {
    if (options.signal.aborted) return { status: 'interrupted' };
    if (timeout?.aborted && timeoutMs !== undefined) {
      return { status: 'timed_out', error: new TimeoutError(options.operation, timeoutMs, { cause: error }) };
    }
    return { status: 'failed', error };
  }
}
