import { describe, expect, it, vi } from 'vitest';
import { ValidationError } from '../errors/validation-error';
import { systemClock } from './system-clock';

describe('systemClock', () => {
  it('tells the current time', () => {
    const before = Date.now();

    const now = systemClock.now();

    expect(now.getTime()).toBeGreaterThanOrEqual(before);
    expect(now.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('resolves a sleep once the delay has passed', async () => {
    const started = performance.now();

    await systemClock.sleep(5);

    expect(performance.now() - started).toBeGreaterThanOrEqual(4);
  });

  it('rejects a sleep with the reason when the signal aborts', async () => {
    const controller = new AbortController();
    const reason = new Error('shutting down');
    const started = performance.now();

    const sleeping = systemClock.sleep(60_000, controller.signal);
    controller.abort(reason);

    await expect(sleeping).rejects.toBe(reason);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('rejects a sleep at once when the signal has already aborted', async () => {
    const reason = new Error('already cancelled');

    await expect(systemClock.sleep(60_000, AbortSignal.abort(reason))).rejects.toBe(reason);
  });

  it('rejects a negative or NaN delay with a ValidationError', async () => {
    await expect(systemClock.sleep(-1)).rejects.toBeInstanceOf(ValidationError);
    await expect(systemClock.sleep(Number.NaN)).rejects.toMatchObject({ code: 'VALIDATION', field: 'ms' });
  });

  it('aborts a timeout signal after its delay with a TimeoutError reason', async () => {
    const signal = systemClock.timeoutSignal(1);

    await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));

    expect(signal.reason).toMatchObject({ name: 'TimeoutError' });
  });

  it('sleeps longer than one setTimeout can wait, never handing it an overflowing delay', async () => {
    vi.useFakeTimers();
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    try {
      const maxTimerDelayMs = 2 ** 31 - 1;
      let isAwake = false;

      const sleeping = systemClock.sleep(maxTimerDelayMs + 1000).then(() => {
        isAwake = true;
      });
      await vi.advanceTimersByTimeAsync(maxTimerDelayMs);
      const isAwakeEarly = isAwake;
      await vi.advanceTimersByTimeAsync(1000);
      await sleeping;

      expect(isAwakeEarly).toBe(false);
      expect(isAwake).toBe(true);
      expect(Math.max(...setTimeoutSpy.mock.calls.map((call) => call[1] ?? 0))).toBeLessThanOrEqual(maxTimerDelayMs);
    } finally {
      setTimeoutSpy.mockRestore();
      vi.useRealTimers();
    }
  });

  it('keeps a timeout signal longer than one setTimeout can wait from aborting early', async () => {
    vi.useFakeTimers();
    try {
      const maxTimerDelayMs = 2 ** 31 - 1;

      const signal = systemClock.timeoutSignal(maxTimerDelayMs + 1000);
      await vi.advanceTimersByTimeAsync(maxTimerDelayMs);
      const isAbortedEarly = signal.aborted;
      await vi.advanceTimersByTimeAsync(1000);

      expect(isAbortedEarly).toBe(false);
      expect(signal.aborted).toBe(true);
      expect((signal.reason as DOMException).name).toBe('TimeoutError');
    } finally {
      vi.useRealTimers();
    }
  });
});
