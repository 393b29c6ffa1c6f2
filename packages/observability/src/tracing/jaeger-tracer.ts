import {
  type Context,
  context,
  type Span as OpenTelemetrySpan,
  SpanKind as OpenTelemetrySpanKind,
  type Tracer as OpenTelemetryTracer,
  type TracerProvider,
  trace,
} from '@opentelemetry/api';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import {
  runInTraceContext,
  type Span,
  type SpanAttributes,
  type SpanKind,
  type SpanOptions,
  type Tracer,
  ValidationError,
  validatePositive,
} from '@orchestrix/core';
import { createSampler } from './create-sampler';
import { createSpanProcessor } from './create-span-processor';
import { describeExporter } from './describe-exporter';
import { ensureContextManager } from './ensure-context-manager';
import { liveSpans } from './live-spans';
import { OrchestrixSpan } from './orchestrix-span';
import { settleWithin } from './settle-within';
import { SPEC_SPANS } from './spec-spans';
import { TracingConfig } from './tracing-config';

/** The instrumentation scope of every span this package starts. */
const INSTRUMENTATION_SCOPE = '@orchestrix/observability';

/** How much later than ours the provider's flush timeout fires. */
const PROVIDER_TIMEOUT_MARGIN_MS = 1000;

const SPAN_KINDS: Readonly<Record<SpanKind, OpenTelemetrySpanKind>> = Object.freeze({
  internal: OpenTelemetrySpanKind.INTERNAL,
  producer: OpenTelemetrySpanKind.PRODUCER,
  consumer: OpenTelemetrySpanKind.CONSUMER,
  client: OpenTelemetrySpanKind.CLIENT,
  server: OpenTelemetrySpanKind.SERVER,
});

/** Options of {@link JaegerTracer.forceFlush} and {@link JaegerTracer.shutdown}. */
export interface FlushOptions {
  /** How long to wait for the exporter; default the config's `exportTimeoutMs`. */
  readonly timeoutMs?: number;
  /** Aborting it stops the wait (the export goes on in the background). */
  readonly signal?: AbortSignal;
}

/**
 * Traces Orchestrix on OpenTelemetry with its own tracer provider, exporting to Jaeger, OTLP or any
 * `SpanExporter` (see {@link TracingConfig}). It is also core's {@link Tracer}: pass it as `tracer` to a bus,
 * the repository, the projection runner or a saga and their spans join the same traces.
 *
 * A span starts as a child of, in order: the `parent` traceparent given to `startSpan`; else the span the
 * caller runs under, which is the OpenTelemetry active span or the span of Orchestrix's message context
 * (`currentMessageContext().traceparent`), whichever is the inner one; else it starts a new trace.
 * Exporting never throws into, nor waits in, the code being traced.
 *
 * @example
 * const tracer = initTracing(new TracingConfig({ serviceName: 'order-service', exporter: 'otlp' }));
 * const bus = new InMemoryMessageBus({ tracer });
 * await tracer.spanCommand('PlaceOrder', 'order-1', () => bus.publish(PlaceOrder({ orderId: 'order-1' })));
 */
export class JaegerTracer implements Tracer {
  readonly config: TracingConfig;
  /** This tracer's OpenTelemetry provider, e.g. for `registerInstrumentations({ tracerProvider })`. */
  readonly tracerProvider: TracerProvider;
  readonly #provider: BasicTracerProvider;
  readonly #tracer: OpenTelemetryTracer;

  /**
   * Builds the tracer and its provider; {@link initTracing} does so and also registers the provider as the
   * global one. Registers an AsyncLocalStorage context manager once per process unless one exists.
   *
   * @throws {@link ValidationError} when `config` is not a {@link TracingConfig}.
   */
  constructor(config: TracingConfig) {
    if (!(config instanceof TracingConfig)) {
      throw new ValidationError('config', config, 'config must be a TracingConfig: pass new TracingConfig({ … })');
    }
    ensureContextManager();
    this.config = config;
    this.#provider = new BasicTracerProvider({
      resource: defaultResource().merge(
        resourceFromAttributes({ ...config.resourceAttributes, [ATTR_SERVICE_NAME]: config.serviceName }),
      ),
      sampler: createSampler(config),
      spanProcessors: [createSpanProcessor(config)],
    });
    this.tracerProvider = this.#provider;
    this.#tracer = this.#provider.getTracer(INSTRUMENTATION_SCOPE);
    Object.freeze(this);
  }

  /**
   * Starts a span that the caller ends; core's components call it. Its `traceparent` is the W3C header of
   * the new span, which messages created under it carry.
   *
   * @param options - `parent` is a W3C traceparent, e.g. of the message being handled; an invalid one is
   * ignored and the span becomes a child of the caller's current span.
   */
  startSpan(name: string, options: SpanOptions = {}): Span {
    return this.#start(name, options).span;
  }

  /**
   * Runs `fn` in a new span: `fn` gets the OpenTelemetry span, runs in its OpenTelemetry context and in
   * its Orchestrix trace context (so messages it creates carry the span's traceparent), and its result is
   * returned. When `fn` fails, the span's status is set to error, the exception recorded, and the error
   * rethrown. The span always ends.
   *
   * @example const total = await tracer.span('price_order', { 'order.items': 3 }, () => priceOrder(order));
   */
  span<T>(name: string, attributes: SpanAttributes, fn: (span: OpenTelemetrySpan) => T | Promise<T>): Promise<T> {
    return this.#run(name, { kind: 'internal', attributes }, fn);
  }

  /**
   * Runs `fn` in a `handle_command:<type>` consumer span with messaging attributes and
   * `orchestrix.aggregate.id`, as {@link JaegerTracer.span} does.
   */
  spanCommand<T>(type: string, aggregateId: string, fn: (span: OpenTelemetrySpan) => T | Promise<T>): Promise<T> {
    const { name, options } = SPEC_SPANS.command(type, aggregateId);
    return this.#run(name, options, fn);
  }

  /**
   * Runs `fn` in a `process_event:<type>` consumer span with messaging attributes (`messaging.message.id`
   * is `eventId`) and, when given, `orchestrix.aggregate.id`, as {@link JaegerTracer.span} does.
   */
  spanEvent<T>(
    type: string,
    eventId: string,
    aggregateId: string | undefined,
    fn: (span: OpenTelemetrySpan) => T | Promise<T>,
  ): Promise<T> {
    const { name, options } = SPEC_SPANS.event(type, eventId, aggregateId);
    return this.#run(name, options, fn);
  }

  /** Runs `fn` in an `execute_saga:<type>` span with `orchestrix.saga.type` and `orchestrix.saga.id`. */
  spanSaga<T>(type: string, sagaId: string, fn: (span: OpenTelemetrySpan) => T | Promise<T>): Promise<T> {
    const { name, options } = SPEC_SPANS.saga(type, sagaId);
    return this.#run(name, options, fn);
  }

  /** The W3C trace id (32 hex digits) of the span the caller runs under, or `undefined` outside any. */
  getTraceId(): string | undefined {
    return liveSpans.activeSpanContext()?.traceId;
  }

  /** Sets an attribute on the span the caller runs under; does nothing outside a recording span. */
  setAttribute(key: string, value: string | number | boolean): void {
    liveSpans.activeSpan()?.setAttribute(key, value);
  }

  /** Adds a timestamped event to the span the caller runs under; does nothing outside a recording span. */
  addEvent(name: string, attributes: SpanAttributes = {}): void {
    liveSpans.activeSpan()?.addEvent(name, { ...attributes });
  }

  /**
   * Exports every ended span now. Never hangs: resolves once the exporter took them.
   *
   * @throws {@link TimeoutError} when the exporter did not finish within `timeoutMs`.
   * @throws {@link StoreUnavailableError} (retryable) when the exporter failed, e.g. nothing listens.
   */
  forceFlush(options: FlushOptions = {}): Promise<void> {
    const timeoutMs = this.#timeoutOf(options);
    // The provider's own timer runs later, so that a timeout is ours: a TimeoutError from the clock.
    return settleWithin(this.#provider.forceFlush({ timeoutMillis: timeoutMs + PROVIDER_TIMEOUT_MARGIN_MS }), {
      operation: `Flushing spans to ${describeExporter(this.config)}`,
      timeoutMs,
      clock: this.config.clock,
      signal: options.signal,
    });
  }

  /**
   * Exports the ended spans and stops the exporter; spans started afterwards are dropped. Errors as
   * {@link JaegerTracer.forceFlush}. The provider stays the global one if it was registered.
   */
  shutdown(options: FlushOptions = {}): Promise<void> {
    const timeoutMs = this.#timeoutOf(options);
    return settleWithin(this.#provider.shutdown(), {
      operation: `Shutting down the exporter to ${describeExporter(this.config)}`,
      timeoutMs,
      clock: this.config.clock,
      signal: options.signal,
    });
  }

  #timeoutOf(options: FlushOptions): number {
    const { timeoutMs = this.config.exportTimeoutMs } = options;
    validatePositive(timeoutMs, 'timeoutMs');
    return timeoutMs;
  }

  #start(name: string, options: SpanOptions): { span: OrchestrixSpan; context: Context } {
    const parentContext =
      options.parent === undefined ? liveSpans.ambientContext() : liveSpans.contextForParent(options.parent);
    const span = this.#tracer.startSpan(
      name,
      { kind: SPAN_KINDS[options.kind ?? 'internal'], attributes: { ...options.attributes } },
      parentContext,
    );
    return { span: new OrchestrixSpan(span), context: trace.setSpan(parentContext, span) };
  }

  async #run<T>(name: string, options: SpanOptions, fn: (span: OpenTelemetrySpan) => T | Promise<T>): Promise<T> {
    const started = this.#start(name, options);
    const { span } = started;
    try {
      return await context.with(started.context, () => runInTraceContext(span, () => fn(span.openTelemetrySpan)));
    } catch (error) {
      span.recordError(error);
      throw error;
    } finally {
      span.end();
    }
  }
}
