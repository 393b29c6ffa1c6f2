import type { Span, SpanOptions, Tracer } from '@orchestrix/core';

/** A span as {@link RecordingTracer} saw it. */
export interface RecordedSpan {
  readonly name: string;
  readonly options: SpanOptions | undefined;
  /** W3C traceparent of the span: span `n` (1-based) has span id `n` in hex. */
  readonly traceparent: string;
  /** What `recordError` was given, in order. */
  readonly errors: unknown[];
  ended: boolean;
}

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

/**
 * A {@link Tracer} that records every span it starts, for tests of the framework's tracing hooks.
 *
 * @example
 * const tracer = new RecordingTracer();
 * const bus = new InMemoryMessageBus({ tracer });
 * expect(tracer.spans.map((span) => span.name)).toEqual(['process_event:OrderPlaced']);
 */
export class RecordingTracer implements Tracer {
  /** Every span started, in order. */
  readonly spans: RecordedSpan[] = [];

  /** {@inheritDoc @orchestrix/core#Tracer.startSpan} */
  startSpan(name: string, options?: SpanOptions): Span {
    const recorded: RecordedSpan = {
      name,
      options,
      traceparent: `00-${TRACE_ID}-${(this.spans.length + 1).toString(16).padStart(16, '0')}-01`,
      errors: [],
      ended: false,
    };
    this.spans.push(recorded);
    return {
      traceId: TRACE_ID,
      traceparent: recorded.traceparent,
      setAttribute: () => undefined,
      recordError: (error) => recorded.errors.push(error),
      end: () => {
        recorded.ended = true;
      },
    };
  }
}
