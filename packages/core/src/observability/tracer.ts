/** The role of a span, as in OpenTelemetry. */
export type SpanKind = 'internal' | 'producer' | 'consumer' | 'client' | 'server';

/** Span attribute values. */
export type SpanAttributes = Readonly<Record<string, string | number | boolean>>;

/** Options of {@link Tracer.startSpan}. */
export interface SpanOptions {
  readonly kind?: SpanKind;
  readonly attributes?: SpanAttributes;
  /** W3C traceparent of the parent span, e.g. from the message being handled. */
  readonly parent?: string;
}

/** A span in progress. */
export interface Span {
  /** W3C trace id, 32 lowercase hex digits. */
  readonly traceId: string;
  /** W3C traceparent naming this span, written into messages created under it. */
  readonly traceparent: string;
  setAttribute(key: string, value: string | number | boolean): void;
  /** Marks the span failed and records the exception. */
  recordError(error: unknown): void;
  end(): void;
}

/**
 * Starts spans for the framework. `@orchestrix/observability` implements it on OpenTelemetry; core
 * never imports a tracing library. Span names: `handle_command:<type>`, `process_event:<type>`,
 * `execute_saga:<type>`.
 */
export interface Tracer {
  startSpan(name: string, options?: SpanOptions): Span;
}
