/**
 * The upper bounds of the histograms {@link PrometheusMetrics} registers, in seconds except `eventCount`.
 * Each set spans what its operation takes, from fast to "something is wrong", so that both p50 and p99
 * land inside a bucket and no bucket stays empty for ever.
 *
 * @internal Not part of the public API; the README lists them.
 */
export const HISTOGRAM_BUCKETS = Object.freeze({
  /** Publishing, handling, loading, storing: in memory well under 1 ms, on PostgreSQL a few ms. */
  latency: Object.freeze([0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]),
  /** A projection batch (up to `batchSize` events) or one saga step (a remote call, maybe retried). */
  batch: Object.freeze([0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]),
  /** A whole saga: several steps with timeouts and retries, and any time its process was down. */
  saga: Object.freeze([0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600]),
  /** How many events a load replays: shows when an aggregate needs snapshots. */
  eventCount: Object.freeze([0, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 5000]),
});
