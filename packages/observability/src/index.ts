// @orchestrix/observability: Prometheus metrics and OpenTelemetry tracing for Orchestrix.
// Each section lists its public names explicitly; edit only your section.

// --- instrument ---
export { instrumentBus } from './instrument/instrument-bus';
export type { InstrumentEventStoreOptions } from './instrument/instrument-event-store';
export { instrumentEventStore } from './instrument/instrument-event-store';
export { instrumentProjectionRunner } from './instrument/instrument-projection-runner';
export { instrumentRepository } from './instrument/instrument-repository';
export { instrumentSaga } from './instrument/instrument-saga';
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
export { tracingConfigFromEnv } from './tracing/tracing-config-from-env';
