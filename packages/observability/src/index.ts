// @orchestrix/observability: Prometheus metrics and OpenTelemetry tracing for Orchestrix.
export {};
