import { type Clock, StoreUnavailableError, TimeoutError } from '@orchestrix/core';

/** What {@link settleWithin} waits for and how long. */
export interface SettleOptions {
  /** Names the work in errors, e.g. `Flushing spans to the Jaeger agent at localhost:6832`. */
  readonly operation: string;
  readonly timeoutMs: number;
  readonly clock: Clock;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Waits for `work` (an OpenTelemetry provider's flush or shutdown), but no longer than `timeoutMs` and no
 * longer than the caller's `signal`. Rejects with a {@link TimeoutError} when the time runs out, the signal's
 * reason when it aborts, and a retryable {@link StoreUnavailableError} (the exporter's errors as `cause`)
 * when the export fails. A `work` left behind never rejects unhandled.
 *
 * @internal Used by {@link JaegerTracer}; not part of the public API.
 */
export function settleWithin(work: Promise<unknown>, options: SettleOptions): Promise<void> {
  const { operation, timeoutMs, clock, signal } = options;
  const timeout = clock.timeoutSignal(timeoutMs);
  const deadline = signal === undefined ? timeout : AbortSignal.any([signal, timeout]);
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      reject(signal?.aborted === true ? signal.reason : new TimeoutError(operation, timeoutMs));
    };
    if (deadline.aborted) {
      onAbort();
    } else {
      deadline.addEventListener('abort', onAbort, { once: true });
    }
    work.then(
      () => {
        deadline.removeEventListener('abort', onAbort);
        resolve();
      },
      (error: unknown) => {
        deadline.removeEventListener('abort', onAbort);
        const errors = Array.isArray(error) ? error : [error];
        reject(
          new StoreUnavailableError(
            `${operation} failed: check that it runs and is reachable from here, or raise exportTimeoutMs.`,
            { cause: errors.length === 1 ? errors[0] : new AggregateError(errors), retryable: true },
          ),
        );
      },
    );
  });
}
