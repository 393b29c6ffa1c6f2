import type { OperationStatus } from './metrics';

/**
 * Runs `work`, then reports its status and duration to `record` (also when it throws), and returns
 * its result. Skips the timing when there is nothing to record.
 */
export async function measure<T>(
  record: ((status: OperationStatus, durationMs: number) => void) | undefined,
  work: () => Promise<T>,
): Promise<T> {
  if (record === undefined) return work();
  const started = performance.now();
  try {
    const result = await work();
    record('success', performance.now() - started);
    return result;
  } catch (error) {
    record('error', performance.now() - started);
    throw error;
  }
}
