import { ValidationError } from '../errors/validation-error';
import type { Clock } from './clock';

/** The longest delay one `setTimeout` honours; longer sleeps are chained. */
const MAX_TIMER_DELAY_MS = 2_147_483_647;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (typeof ms !== 'number' || Number.isNaN(ms) || ms < 0) {
    return Promise.reject(new ValidationError('ms', ms, 'ms must be a non-negative number of milliseconds'));
  }
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const deadline = Date.now() + ms;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const wait = (remainingMs: number): void => {
      timer = setTimeout(
        () => {
          const leftMs = deadline - Date.now();
          if (leftMs > 0 && remainingMs > MAX_TIMER_DELAY_MS) {
            wait(leftMs);
            return;
          }
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.min(remainingMs, MAX_TIMER_DELAY_MS),
      );
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    wait(ms);
  });
}

// AbortSignal.timeout fires at once beyond one timer's range (Node clamps it to 1 ms): chain a sleep there.
function timeoutSignal(ms: number): AbortSignal {
  if (ms <= MAX_TIMER_DELAY_MS) return AbortSignal.timeout(ms);
  const controller = new AbortController();
  sleep(ms).then(
    () => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')),
    () => undefined,
  );
  return controller.signal;
}

/**
 * The real clock: `now()` is the system time, `sleep` is a `setTimeout` that aborting clears, and
 * `timeoutSignal` is `AbortSignal.timeout` (chained for delays beyond one timer's 2^31 − 1 ms).
 *
 * `sleep` rejects with a {@link ValidationError} for a negative or `NaN` delay, and with `signal.reason`
 * when the signal aborts (at once when it already has).
 *
 * @example
 * await systemClock.sleep(250);
 * const signal = AbortSignal.any([callerSignal, systemClock.timeoutSignal(5000)]);
 */
export const systemClock: Clock = Object.freeze({
  now: (): Date => new Date(),
  sleep,
  timeoutSignal,
});
