/** One cumulative bucket of a Prometheus histogram: how many observations were at most `upperBound`. */
export interface HistogramBucket {
  /** The bucket's `le`; `Infinity` for `+Inf`. */
  readonly upperBound: number;
  readonly count: number;
}

/**
 * Estimates the `quantile` (0 to 1) of a histogram from its cumulative buckets, as PromQL's
 * `histogram_quantile` does: it finds the bucket holding the rank `quantile × total` and interpolates
 * linearly inside it (from 0 for the first bucket). A rank in the `+Inf` bucket gives the highest finite
 * upper bound.
 *
 * @returns `undefined` for a histogram without observations.
 * @example histogramQuantile(0.95, [{ upperBound: 0.005, count: 9 }, { upperBound: 0.01, count: 10 }, { upperBound: Infinity, count: 10 }]) // 0.0075
 */
export function histogramQuantile(quantile: number, buckets: readonly HistogramBucket[]): number | undefined {
  const sorted = [...buckets].sort((left, right) => left.upperBound - right.upperBound);
  const total = sorted.at(-1)?.count ?? 0;
  if (total === 0) return undefined;
  const rank = quantile * total;
  const index = sorted.findIndex((bucket) => bucket.count >= rank);
  const bucket = sorted[index];
  if (bucket === undefined) return undefined;
  const previous = sorted[index - 1];
  if (bucket.upperBound === Number.POSITIVE_INFINITY) return previous?.upperBound;
  const start = previous?.upperBound ?? 0;
  const below = previous?.count ?? 0;
  const inBucket = bucket.count - below;
  if (inBucket === 0) return bucket.upperBound;
  return start + (bucket.upperBound - start) * ((rank - below) / inBucket);
}
