import type { OperationStatus } from '@orchestrix/core';

/**
 * What a tracker of {@link PrometheusMetrics} returns for a function returning `T`: `T` itself, or for a
 * promise (or any thenable) of `U`, a `Promise<U>` that settles once the operation was measured.
 */
export type Tracked<T> = T extends PromiseLike<infer U> ? Promise<U> : T;

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Runs `work` and reports its status and duration in seconds to `record`: once it returned, or, when it
 * returns a promise (or thenable), once that settled. A throw or rejection is reported as `error` and
 * passed on unchanged. A `record` that throws is ignored: metrics never change what `work` did.
 *
 * @internal Not part of the public API; the trackers of {@link PrometheusMetrics} use it.
 * @returns What `work` returned; for a thenable, a promise of its value.
 */
export function trackOperation<T>(
  work: () => T,
  record: (status: OperationStatus, seconds: number) => void,
): Tracked<T> {
  const started = performance.now();
  const report = (status: OperationStatus): void => {
    try {
      record(status, (performance.now() - started) / 1000);
    } catch {
      // Metrics never fail the operation they measure.
    }
  };
  let result: T;
  try {
    result = work();
  } catch (error) {
    report('error');
    throw error;
  }
  if (!isPromiseLike(result)) {
    report('success');
    return result as Tracked<T>;
  }
  const settled = Promise.resolve(result).then(
    (value) => {
      report('success');
      return value;
    },
    (error: unknown) => {
      report('error');
      throw error;
    },
  );
  return settled as Tracked<T>;
}
