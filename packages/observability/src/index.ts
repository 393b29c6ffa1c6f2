// @orchestrix/observability: Prometheus metrics and OpenTelemetry tracing for Orchestrix.
export * from './instrument/index';
export * from './logging/index';
export * from './metrics/index';
export * from './tracing/index';
