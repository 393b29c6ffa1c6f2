import { type Context, context, isSpanContextValid, type Span, type SpanContext, trace } from '@opentelemetry/api';
import { parseTraceParent } from '@opentelemetry/core';
import { currentMessageContext } from '@orchestrix/core';

interface LiveSpan {
  readonly span: Span;
  /** Counts up with every span started: the later of two spans a caller runs under is the inner one. */
  readonly order: number;
}

function keyOf(spanContext: SpanContext): string {
  return `${spanContext.traceId}-${spanContext.spanId}`;
}

/**
 * The spans this package's tracers started and have not ended yet, and from them the context a caller runs
 * in. A caller may run under two spans at once: the OpenTelemetry active span (set by `span()` and by other
 * instrumentation) and the span of Orchestrix's message context (set by a bus, the repository or the
 * projection runner while a handler runs, which know no OpenTelemetry). The inner one wins: the message
 * context's span when it is one of ours started after the active span, or when the active span is not ours;
 * otherwise the active span, and without one, the message context's `traceparent` as a remote parent.
 *
 * @internal Shared by the tracer and the structured logger; not part of the public API.
 */
class LiveSpans {
  readonly #spans = new Map<string, LiveSpan>();
  #started = 0;

  /** Remembers `span` until {@link LiveSpans.forget}. */
  track(span: Span): void {
    this.#started += 1;
    this.#spans.set(keyOf(span.spanContext()), { span, order: this.#started });
  }

  forget(span: Span): void {
    this.#spans.delete(keyOf(span.spanContext()));
  }

  /** The OpenTelemetry context to start a child of the caller's current span in. */
  ambientContext(): Context {
    const active = context.active();
    const traceparent = currentMessageContext()?.traceparent;
    const fromMessage = traceparent === undefined ? null : parseTraceParent(traceparent);
    if (fromMessage === null || !isSpanContextValid(fromMessage)) return active;
    const activeSpanContext = trace.getSpanContext(active);
    const messageSpan = this.#spans.get(keyOf(fromMessage));
    if (activeSpanContext === undefined || !isSpanContextValid(activeSpanContext)) {
      return this.#withParent(active, fromMessage, messageSpan);
    }
    if (messageSpan === undefined || keyOf(activeSpanContext) === keyOf(fromMessage)) return active;
    const activeSpan = this.#spans.get(keyOf(activeSpanContext));
    return activeSpan !== undefined && activeSpan.order > messageSpan.order
      ? active
      : trace.setSpan(active, messageSpan.span);
  }

  /** The context to start a child of the span named by the W3C `traceparent` in; the ambient one if invalid. */
  contextForParent(traceparent: string): Context {
    const ambient = this.ambientContext();
    const parent = parseTraceParent(traceparent);
    if (parent === null || !isSpanContextValid(parent)) return ambient;
    return this.#withParent(ambient, parent, this.#spans.get(keyOf(parent)));
  }

  /** The span context the caller runs under, if any: what a log line or `getTraceId()` reports. */
  activeSpanContext(): SpanContext | undefined {
    const spanContext = trace.getSpanContext(this.ambientContext());
    return spanContext !== undefined && isSpanContextValid(spanContext) ? spanContext : undefined;
  }

  /** The span the caller runs under if it records, for `setAttribute` and `addEvent`. */
  activeSpan(): Span | undefined {
    const span = trace.getSpan(this.ambientContext());
    return span?.isRecording() === true ? span : undefined;
  }

  #withParent(base: Context, parent: SpanContext, live: LiveSpan | undefined): Context {
    if (live !== undefined) return trace.setSpan(base, live.span);
    return trace.setSpanContext(base, { ...parent, isRemote: true });
  }
}

/**
 * The one registry every tracer of this package shares, so spans of several `initTracing` calls nest.
 *
 * @internal Shared by the tracer and the structured logger; not part of the public API.
 */
export const liveSpans = new LiveSpans();
