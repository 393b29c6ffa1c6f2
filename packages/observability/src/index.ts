// @orchestrix/observability: Prometheus metrics and OpenTelemetry tracing for Orchestrix.
// Each section lists its public names explicitly; edit only your section.

// --- metrics ---

// --- tracing ---

// --- logging ---

// --- instrument ---

export {};
