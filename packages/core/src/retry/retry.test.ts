import { describe, expect, it, vi } from 'vitest';
import type { Clock } from '../clock/clock';
import { FixedDelay } from './fixed-delay';
import { LinearBackoff } from './linear-backoff';
import { NoRetry } from './no-retry';
import { retry } from './retry';

/** A clock whose sleeps record their delay and resolve at once, or never when `holdSleeps` is set. */
function recordingClock(options: { holdSleeps?: boolean } = {}): { clock: Clock; delays: number[] } {
  const delays: number[] = [];
  const clock: Clock = {
    now: () => new Date(0),
    sleep: (ms) => {
      delays.push(ms);
      return options.holdSleeps === true ? new Promise<void>(() => undefined) : Promise.resolve();
    },
    timeoutSignal: () => new AbortController().signal,
  };
  return { clock, delays };
}

/** An operation that fails `failures` times with numbered errors, then returns `'done'`. */
function failingTimes(failures: number): { operation: (attempt: number) => Promise<string>; errors: Error[] } {
  const errors: Error[] = [];
  const operation = async (attempt: number): Promise<string> => {
    if (attempt > failures) return 'done';
    const error = new Error(`failure ${attempt}`);
    errors.push(error);
    throw error;
  };
  return { operation, errors };
}

describe('retry', () => {
  it('returns the value of the first successful attempt', async () => {
    const { clock } = recordingClock();
    const { operation } = failingTimes(0);

    const result = await retry(operation, new FixedDelay({ maxRetries: 3, delayMs: 10 }), { clock });

    expect(result).toBe('done');
  });

  it('retries failures until an attempt succeeds, numbering attempts from 1', async () => {
    const { clock } = recordingClock();
    const operation = vi.fn(failingTimes(2).operation);

    const result = await retry(operation, new FixedDelay({ maxRetries: 3, delayMs: 10 }), { clock });

    expect(result).toBe('done');
    expect(operation.mock.calls).toEqual([[1], [2], [3]]);
  });

  it('rethrows the last error unchanged after maxRetries + 1 attempts', async () => {
    const { clock } = recordingClock();
    const { operation, errors } = failingTimes(10);

    const failure = await retry(operation, new FixedDelay({ maxRetries: 3, delayMs: 10 }), { clock }).catch(
      (error: unknown) => error,
    );

    expect(errors).toHaveLength(4);
    expect(failure).toBe(errors[3]);
  });

  it('waits the delays of the policy on the clock', async () => {
    const { clock, delays } = recordingClock();
    const { operation } = failingTimes(3);

    await retry(operation, new LinearBackoff({ initialDelayMs: 100, incrementMs: 100 }), { clock });

    expect(delays).toEqual([100, 200, 300]);
  });

  it('accepts an operation that returns a value or throws synchronously', async () => {
    const { clock } = recordingClock();
    const operation = (attempt: number): number => {
      if (attempt === 1) throw new Error('not yet');
      return attempt;
    };

    const result = await retry(operation, new FixedDelay({ maxRetries: 1, delayMs: 0 }), { clock });

    expect(result).toBe(2);
  });

  it('makes a single attempt with NoRetry', async () => {
    const { clock, delays } = recordingClock();
    const { operation, errors } = failingTimes(1);

    const failure = await retry(operation, new NoRetry(), { clock }).catch((error: unknown) => error);

    expect(failure).toBe(errors[0]);
    expect(errors).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('rethrows at once an error that retryOn refuses, passing it the error and attempt', async () => {
    const { clock, delays } = recordingClock();
    const { operation, errors } = failingTimes(10);
    const retryOn = vi.fn((_error: unknown, attempt: number) => attempt < 2);

    const failure = await retry(operation, new FixedDelay({ maxRetries: 5, delayMs: 10 }), { clock, retryOn }).catch(
      (error: unknown) => error,
    );

    expect(failure).toBe(errors[1]);
    expect(retryOn.mock.calls).toEqual([
      [errors[0], 1],
      [errors[1], 2],
    ]);
    expect(delays).toEqual([10]);
  });

  it('calls onRetry with the error, the failed attempt and the delay before each retry', async () => {
    const { clock } = recordingClock();
    const { operation, errors } = failingTimes(2);
    const onRetry = vi.fn();

    await retry(operation, new LinearBackoff({ initialDelayMs: 50, incrementMs: 25 }), { clock, onRetry });

    expect(onRetry.mock.calls).toEqual([
      [errors[0], 1, 50],
      [errors[1], 2, 75],
    ]);
  });

  it('uses the system clock by default', async () => {
    const { operation } = failingTimes(1);

    const result = await retry(operation, new FixedDelay({ maxRetries: 1, delayMs: 1 }));

    expect(result).toBe('done');
  });

  it('rejects with the reason and runs nothing when the signal has already aborted', async () => {
    const reason = new Error('cancelled');
    const operation = vi.fn(async () => 'done');

    const outcome = retry(operation, new NoRetry(), { signal: AbortSignal.abort(reason) });

    await expect(outcome).rejects.toBe(reason);
    expect(operation).not.toHaveBeenCalled();
  });

  it('rejects promptly with the reason when aborted during a delay', async () => {
    const { clock, delays } = recordingClock({ holdSleeps: true });
    const controller = new AbortController();
    const reason = new Error('shutting down');
    const { operation, errors } = failingTimes(10);

    const outcome = retry(operation, new FixedDelay({ maxRetries: 3, delayMs: 60_000 }), {
      clock,
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(delays).toEqual([60_000]));
    controller.abort(reason);

    await expect(outcome).rejects.toBe(reason);
    expect(errors).toHaveLength(1);
  });

  it('cancels the system clock delay when aborted', async () => {
    const controller = new AbortController();
    const reason = new Error('shutting down');
    const { operation } = failingTimes(10);
    const started = performance.now();

    const outcome = retry(operation, new FixedDelay({ maxRetries: 3, delayMs: 60_000 }), {
      signal: controller.signal,
      onRetry: () => controller.abort(reason),
    });

    await expect(outcome).rejects.toBe(reason);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('rejects promptly with the reason when aborted while an attempt runs', async () => {
    const { clock } = recordingClock();
    const controller = new AbortController();
    const reason = new Error('shutting down');
    const operation = vi.fn(() => new Promise<string>(() => undefined));

    const outcome = retry(operation, new FixedDelay({ maxRetries: 3, delayMs: 10 }), {
      clock,
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(operation).toHaveBeenCalledTimes(1));
    controller.abort(reason);

    await expect(outcome).rejects.toBe(reason);
  });

  it('stops retrying when the operation fails because the signal aborted', async () => {
    const { clock, delays } = recordingClock();
    const controller = new AbortController();
    const reason = new Error('shutting down');
    const operation = async (): Promise<string> => {
      controller.abort(reason);
      throw new Error('interrupted');
    };

    await expect(
      retry(operation, new FixedDelay({ maxRetries: 3, delayMs: 10 }), { clock, signal: controller.signal }),
    ).rejects.toBe(reason);
    expect(delays).toEqual([]);
  });
});
