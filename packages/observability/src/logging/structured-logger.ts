import { getLogger, type Logger, type LoggerOptions, type LogLevel } from '@orchestrix/core';
import { liveSpans } from '../tracing/live-spans';

const LEVEL_RANKS: Readonly<Record<LogLevel, number>> = Object.freeze({ debug: 10, info: 20, warn: 30, error: 40 });

/** `trace_id` and `span_id` of the span the caller runs under, or `undefined` outside any span. */
function traceFields(): Record<string, string> | undefined {
  const spanContext = liveSpans.activeSpanContext();
  return spanContext === undefined ? undefined : { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}

/** Adds the trace fields to the entries of a core logger, skipping the work below the level. */
class TraceFieldsLogger implements Logger {
  readonly #logger: Logger;
  readonly #minimumRank: number;

  constructor(logger: Logger, minimumRank: number) {
    this.#logger = logger;
    this.#minimumRank = minimumRank;
  }

  debug(message: string, context?: Record<string, unknown>): void {
    if (this.#minimumRank <= LEVEL_RANKS.debug) this.#withTrace().debug(message, context);
  }

  info(message: string, context?: Record<string, unknown>): void {
    if (this.#minimumRank <= LEVEL_RANKS.info) this.#withTrace().info(message, context);
  }

  warn(message: string, context?: Record<string, unknown>): void {
    if (this.#minimumRank <= LEVEL_RANKS.warn) this.#withTrace().warn(message, context);
  }

  error(message: string, context?: Record<string, unknown>): void {
    if (this.#minimumRank <= LEVEL_RANKS.error) this.#withTrace().error(message, context);
  }

  child(bindings: Record<string, unknown>): Logger {
    return new TraceFieldsLogger(this.#logger.child(bindings), this.#minimumRank);
  }

  #withTrace(): Logger {
    const fields = traceFields();
    return fields === undefined ? this.#logger : this.#logger.child(fields);
  }
}

/**
 * An Orchestrix {@link Logger} writing JSON lines exactly as core's `getLogger` does (same options,
 * redaction and error format), plus `trace_id` and `span_id` of the span the caller runs under: the
 * OpenTelemetry active span, or the span of Orchestrix's message context (`traceparent`) inside a handler.
 * Lines outside any span have neither field. The fields come after the child bindings, before the context.
 *
 * @throws {@link ValidationError} as `getLogger` does: an empty `name`, an unknown `level`, a `write` that is
 * not a function.
 * @example
 * const logger = new StructuredLogger('billing', { level: 'debug' });
 * await tracer.span('charge', {}, async () => logger.info('Charged', { orderId: 'order-1' }));
 * // {"time":"…","level":"info","logger":"billing","message":"Charged","trace_id":"4bf9…","span_id":"00f0…","orderId":"order-1"}
 */
export class StructuredLogger implements Logger {
  readonly #logger: TraceFieldsLogger;

  constructor(name: string, options: LoggerOptions = {}) {
    const core = getLogger(name, options);
    this.#logger = new TraceFieldsLogger(core, LEVEL_RANKS[options.level ?? 'info']);
  }

  /** {@inheritDoc @orchestrix/core#Logger.debug} */
  debug(message: string, context?: Record<string, unknown>): void {
    this.#logger.debug(message, context);
  }

  /** {@inheritDoc @orchestrix/core#Logger.info} */
  info(message: string, context?: Record<string, unknown>): void {
    this.#logger.info(message, context);
  }

  /** {@inheritDoc @orchestrix/core#Logger.warn} */
  warn(message: string, context?: Record<string, unknown>): void {
    this.#logger.warn(message, context);
  }

  /** {@inheritDoc @orchestrix/core#Logger.error} */
  error(message: string, context?: Record<string, unknown>): void {
    this.#logger.error(message, context);
  }

  /** Returns a logger that adds `bindings` to every entry and still adds the trace fields. */
  child(bindings: Record<string, unknown>): Logger {
    return this.#logger.child(bindings);
  }
}
