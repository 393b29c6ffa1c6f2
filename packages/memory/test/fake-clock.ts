import type { Clock } from '@orchestrix/core';

/**
 * A hand-written {@link Clock} for these tests: time stands still until `advance` moves it, and `sleep`
 * records its delay, moves time on by it and resolves at once.
 */
export class FakeClock implements Clock {
  #nowMs: number;
  /** Every delay `sleep` was asked for, in order. */
  readonly sleeps: number[] = [];

  constructor(start = '2024-05-01T12:00:00.000Z') {
    this.#nowMs = Date.parse(start);
  }

  now(): Date {
    return new Date(this.#nowMs);
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.sleeps.push(ms);
    this.#nowMs += ms;
  }

  timeoutSignal(_ms: number): AbortSignal {
    return new AbortController().signal;
  }

  /** Moves time on by `ms` milliseconds. */
  advance(ms: number): void {
    this.#nowMs += ms;
  }
}
