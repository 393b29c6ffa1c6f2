// @orchestrix/observability: Prometheus metrics and OpenTelemetry tracing for Orchestrix.
// Each section lists its public names explicitly; edit only your section.

// --- metrics ---
export type { MetricConfigOptions } from './metrics/metric-config';
export { MetricConfig } from './metrics/metric-config';
export { PrometheusMetrics } from './metrics/prometheus-metrics';
export type { Tracked } from './metrics/track-operation';

// --- tracing ---

// --- logging ---

// --- instrument ---

export {};
