import type { Sampler, SamplingResult } from '@opentelemetry/sdk-trace-base';
import { SamplingDecision } from '@opentelemetry/sdk-trace-base';
import type { Clock } from '@orchestrix/core';

/**
 * Keeps at most `tracesPerSecond` new traces per second, as Jaeger's rate-limiting sampler does: a bucket
 * of credits refills at that rate up to `max(tracesPerSecond, 1)`, starts full, and each kept trace spends
 * one credit. Time comes from `clock`.
 *
 * @internal Built by {@link createSampler}; not part of the public API.
 */
export class RateLimitingSampler implements Sampler {
  readonly #tracesPerSecond: number;
  readonly #maxBalance: number;
  readonly #clock: Clock;
  #balance: number;
  #lastTickMs: number;

  constructor(tracesPerSecond: number, clock: Clock) {
    this.#tracesPerSecond = tracesPerSecond;
    this.#maxBalance = Math.max(tracesPerSecond, 1);
    this.#clock = clock;
    this.#balance = tracesPerSecond === 0 ? 0 : this.#maxBalance;
    this.#lastTickMs = clock.now().getTime();
  }

  shouldSample(): SamplingResult {
    const nowMs = this.#clock.now().getTime();
    // A clock set back never takes credits away.
    const elapsedSeconds = Math.max(nowMs - this.#lastTickMs, 0) / 1000;
    this.#lastTickMs = nowMs;
    this.#balance = Math.min(this.#balance + elapsedSeconds * this.#tracesPerSecond, this.#maxBalance);
    if (this.#balance < 1) return { decision: SamplingDecision.NOT_RECORD };
    this.#balance -= 1;
    return { decision: SamplingDecision.RECORD_AND_SAMPLED };
  }

  toString(): string {
    return `RateLimitingSampler{${this.#tracesPerSecond}}`;
  }
}
