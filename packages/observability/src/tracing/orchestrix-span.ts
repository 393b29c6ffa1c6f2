import {
  defaultTextMapSetter,
  type Span as OpenTelemetrySpan,
  ROOT_CONTEXT,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { Span } from '@orchestrix/core';
import { liveSpans } from './live-spans';

const propagator = new W3CTraceContextPropagator();

/** The W3C `traceparent` header naming `span`, as the W3C propagator writes it. */
function traceparentOf(span: OpenTelemetrySpan): string {
  const carrier: Record<string, string> = {};
  propagator.inject(trace.setSpan(ROOT_CONTEXT, span), carrier, defaultTextMapSetter);
  const { traceId, spanId, traceFlags } = span.spanContext();
  // The propagator writes nothing for an invalid context (a span started while tracing is suppressed).
  return carrier.traceparent ?? `00-${traceId}-${spanId}-${traceFlags.toString(16).padStart(2, '0')}`;
}

function toException(error: unknown): Error | string {
  if (error instanceof Error || typeof error === 'string') return error;
  return String(error);
}

/** What the `error.type` attribute says: an Orchestrix error's `code`, else the error's class name. */
function errorTypeOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return error instanceof Error ? error.name : typeof error;
}

/**
 * Core's {@link Span} over an OpenTelemetry span: `recordError` sets the status to error, records the
 * exception and an `error.type`; `end` ends the span once.
 *
 * @internal Returned by {@link JaegerTracer.startSpan}; not part of the public API.
 */
export class OrchestrixSpan implements Span {
  readonly traceId: string;
  readonly traceparent: string;
  /** The OpenTelemetry span underneath, which `span()` hands to its function. */
  readonly openTelemetrySpan: OpenTelemetrySpan;

  constructor(span: OpenTelemetrySpan) {
    this.openTelemetrySpan = span;
    this.traceId = span.spanContext().traceId;
    this.traceparent = traceparentOf(span);
    liveSpans.track(span);
    Object.freeze(this);
  }

  setAttribute(key: string, value: string | number | boolean): void {
    this.openTelemetrySpan.setAttribute(key, value);
  }

  recordError(error: unknown): void {
    const exception = toException(error);
    this.openTelemetrySpan.recordException(exception);
    this.openTelemetrySpan.setAttribute('error.type', errorTypeOf(error));
    this.openTelemetrySpan.setStatus({
      code: SpanStatusCode.ERROR,
      message: typeof exception === 'string' ? exception : exception.message,
    });
  }

  end(): void {
    liveSpans.forget(this.openTelemetrySpan);
    if (this.openTelemetrySpan.isRecording()) this.openTelemetrySpan.end();
  }
}
