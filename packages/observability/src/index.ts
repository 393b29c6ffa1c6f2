// @orchestrix/observability: Prometheus metrics and OpenTelemetry tracing for Orchestrix.
// Each section lists its public names explicitly; edit only your section.

// --- instrument ---
// --- logging ---
export { StructuredLogger } from './logging/structured-logger';
// --- metrics ---
export type { MetricConfigOptions } from './metrics/metric-config';
export { MetricConfig } from './metrics/metric-config';
export { PrometheusMetrics } from './metrics/prometheus-metrics';
export type { Tracked } from './metrics/track-operation';
// --- tracing ---
export { getTracer } from './tracing/get-tracer';
export { initTracing } from './tracing/init-tracing';
export type { FlushOptions } from './tracing/jaeger-tracer';
export { JaegerTracer } from './tracing/jaeger-tracer';
export type { SamplerType, TracingConfigOptions, TracingExporter } from './tracing/tracing-config';
export { TracingConfig } from './tracing/tracing-config';
