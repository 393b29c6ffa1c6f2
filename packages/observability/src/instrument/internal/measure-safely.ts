import { measure, type OperationStatus } from '@orchestrix/core';

/**
 * Runs `work` and reports its status and duration to `record` (when given), as core's `measure` does,
 * except that a `record` that throws is ignored: a metrics backend never fails the work it measures.
 *
 * @internal Shared by the instrument functions; not part of the public API.
 */
export function measureSafely<T>(
  record: ((status: OperationStatus, durationMs: number) => void) | undefined,
  work: () => Promise<T>,
): Promise<T> {
  if (record === undefined) return work();
  return measure((status, durationMs) => {
    try {
      record(status, durationMs);
    } catch {
      // Metrics hooks must not throw; one that does is not the caller's failure.
    }
  }, work);
}
