import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { initTracing, type JaegerTracer, TracingConfig, type TracingConfigOptions } from '@orchestrix/observability';

/** A tracer whose spans end up, at once, in an in-memory exporter. */
export interface InMemoryTracing {
  readonly tracer: JaegerTracer;
  readonly exporter: InMemorySpanExporter;
  /** Every ended span, in the order they ended. */
  spans(): ReadableSpan[];
  /** The one ended span called `name`; fails the test when there is none or more than one. */
  spanNamed(name: string): ReadableSpan;
}

/** Initialises tracing for `order-service` with an `InMemorySpanExporter` (and `options` on top). */
export function inMemoryTracing(options: Partial<TracingConfigOptions> = {}): InMemoryTracing {
  const exporter = new InMemorySpanExporter();
  const tracer = initTracing(new TracingConfig({ serviceName: 'order-service', exporter, ...options }));
  const spans = (): ReadableSpan[] => exporter.getFinishedSpans();
  return {
    tracer,
    exporter,
    spans,
    spanNamed(name) {
      const [found, ...others] = spans().filter((span) => span.name === name);
      if (found === undefined || others.length > 0) {
        throw new Error(`expected one span "${name}" among: ${spans().map((span) => span.name)}`);
      }
      return found;
    },
  };
}

/** The span id of `span`'s parent, or `undefined` for a root span. */
export function parentIdOf(span: ReadableSpan): string | undefined {
  return span.parentSpanContext?.spanId;
}

/** The W3C traceparent naming `span`. */
export function traceparentOf(span: ReadableSpan): string {
  const { traceId, spanId, traceFlags } = span.spanContext();
  return `00-${traceId}-${spanId}-${traceFlags.toString(16).padStart(2, '0')}`;
}
