import type { Histogram, Summary } from 'prom-client';

/**
 * A duration histogram and, when summaries are enabled, its summary: one observation feeds both.
 *
 * @internal Not part of the public API.
 */
export class DurationInstrument<L extends string> {
  readonly #histogram: Histogram<L>;
  readonly #summary: Summary<L> | undefined;

  constructor(histogram: Histogram<L>, summary: Summary<L> | undefined) {
    this.#histogram = histogram;
    this.#summary = summary;
  }

  /** Observes `seconds` under `labels`; a negative or non-finite duration is not observed. */
  observe(labels: Readonly<Record<L, string>>, seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) return;
    this.#histogram.observe(labels, seconds);
    this.#summary?.observe(labels, seconds);
  }
}
