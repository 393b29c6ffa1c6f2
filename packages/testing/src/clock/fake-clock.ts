import { type Clock, ValidationError } from '@orchestrix/core';

interface Timer {
  readonly dueMs: number;
  readonly sequence: number;
  readonly fire: () => void;
}

/** The most timers {@link FakeClock.runAll} fires before it decides they reschedule themselves forever. */
const MAX_TIMERS_PER_RUN = 10_000;

// Captured at import, so a test that fakes the global timers cannot stall the clock's own yielding.
const realSetImmediate = globalThis.setImmediate;

function letContinuationsRun(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve));
}

function validateDelay(ms: number): void {
  if (typeof ms !== 'number' || Number.isNaN(ms) || ms < 0) {
    throw new ValidationError('ms', ms, 'ms must be a non-negative number of milliseconds');
  }
}

function timeoutReason(): DOMException {
  return new DOMException('The operation was aborted due to timeout', 'TimeoutError');
}

/**
 * A `Clock` whose time moves only when a test says so: `sleep` and `timeoutSignal` wait for
 * {@link FakeClock.advance} or {@link FakeClock.runAll}, so retries, polling and timeouts run instantly
 * and deterministically.
 *
 * @example
 * const clock = new FakeClock();
 * const slept = clock.sleep(1000);
 * await clock.advance(1000); // `slept` has resolved, and what awaited it has run
 */
export class FakeClock implements Clock {
  #nowMs: number;
  #timers: Timer[] = [];
  #sequence = 0;

  /** Starts the clock at `start`, 2026-01-01T00:00:00Z unless given. */
  constructor(start: Date = new Date('2026-01-01T00:00:00Z')) {
    this.#nowMs = start.getTime();
  }

  /** Returns the fake current time. */
  now(): Date {
    return new Date(this.#nowMs);
  }

  /** How many sleeps and timeout signals are still waiting for time to pass. */
  get pendingTimers(): number {
    return this.#timers.length;
  }

  /**
   * Resolves once the clock was advanced by `ms` (at once for `0`).
   *
   * @param signal - Aborting it rejects the promise with `signal.reason`, at once when it already has.
   * @throws {@link ValidationError} (as a rejection) for a negative or `NaN` delay.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    try {
      validateDelay(ms);
    } catch (error) {
      return Promise.reject(error);
    }
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (ms === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        this.#cancel(timer);
        reject(signal?.reason);
      };
      const timer = this.#schedule(ms, () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /**
   * Returns a signal that aborts, with a `DOMException` named `TimeoutError` as `AbortSignal.timeout`
   * does, once the clock was advanced by `ms`.
   */
  timeoutSignal(ms: number): AbortSignal {
    validateDelay(ms);
    const controller = new AbortController();
    if (ms === 0) controller.abort(timeoutReason());
    else this.#schedule(ms, () => controller.abort(timeoutReason()));
    return controller.signal;
  }

  /**
   * Moves time forward by `ms`, firing the timers that fall due in order of their due time, and lets the
   * promise continuations of each run before the next fires. Timers those continuations schedule within
   * the window fire too.
   */
  async advance(ms: number): Promise<void> {
    validateDelay(ms);
    const targetMs = this.#nowMs + ms;
    for (let timer = this.#nextDue(targetMs); timer !== undefined; timer = this.#nextDue(targetMs)) {
      await this.#fire(timer);
    }
    this.#nowMs = targetMs;
    await letContinuationsRun();
  }

  /** Moves time forward to `date`; see {@link FakeClock.advance}. */
  async advanceTo(date: Date): Promise<void> {
    await this.advance(Math.max(0, date.getTime() - this.#nowMs));
  }

  /**
   * Fires every pending timer, including those scheduled meanwhile, moving time to each one's due time.
   *
   * @throws Error when timers keep scheduling new ones beyond 10,000 (an endless polling loop).
   */
  async runAll(): Promise<void> {
    for (let fired = 0; ; fired += 1) {
      const timer = this.#nextDue(Number.POSITIVE_INFINITY);
      if (timer === undefined) return;
      if (fired >= MAX_TIMERS_PER_RUN) {
        throw new Error(`FakeClock.runAll fired ${MAX_TIMERS_PER_RUN} timers and more keep coming: advance instead.`);
      }
      await this.#fire(timer);
    }
  }

  #schedule(ms: number, fire: () => void): Timer {
    const timer: Timer = { dueMs: this.#nowMs + ms, sequence: this.#sequence, fire };
    this.#sequence += 1;
    this.#timers.push(timer);
    return timer;
  }

  #cancel(timer: Timer): void {
    this.#timers = this.#timers.filter((candidate) => candidate !== timer);
  }

  #nextDue(limitMs: number): Timer | undefined {
    let next: Timer | undefined;
    for (const timer of this.#timers) {
      if (timer.dueMs > limitMs) continue;
      if (
        next === undefined ||
        timer.dueMs < next.dueMs ||
        (timer.dueMs === next.dueMs && timer.sequence < next.sequence)
      ) {
        next = timer;
      }
    }
    return next;
  }

  async #fire(timer: Timer): Promise<void> {
    this.#cancel(timer);
    this.#nowMs = Math.max(this.#nowMs, timer.dueMs);
    timer.fire();
    await letContinuationsRun();
  }
}
