import {
  type Clock,
  type DeadLetterQueue,
  type Logger,
  type Message,
  type MessageContext,
  type Metrics,
  noopLogger,
  type ObservabilityHooks,
  type OperationStatus,
  type RetryPolicy,
  retry,
  type Span,
  type SpanOptions,
  systemClock,
  type Tracer,
  toDeadLetterError,
} from '@orchestrix/core';
import type { InMemoryMessageBusOptions } from '../message-bus/in-memory-message-bus';
import { invokeHandler } from './invoke-handler';
import type { SubscribedHandler } from './subscribed-handler';

/**
 * How one handler's delivery ended when the handler did not succeed.
 *
 * @internal Shared by the in-memory buses; not part of the public API.
 */
export interface DeliveryFailure {
  readonly handlerName: string;
  /** What the last attempt threw, as thrown. */
  readonly error: unknown;
  /** `true` when the message is now in the dead-letter queue for this handler. */
  readonly deadLettered: boolean;
}

/**
 * Delivers a message to one handler the way a bus's options ask: inside a consumer span, retried by
 * the retry policy, each attempt measured, and dead-lettered when retries run out.
 *
 * @internal Shared by the in-memory buses; not part of the public API.
 */
export class HandlerDelivery {
  readonly #retry: RetryPolicy | undefined;
  readonly #deadLetterQueue: DeadLetterQueue | undefined;
  readonly #logger: Logger;
  readonly #clock: Clock;
  #metrics: Metrics | undefined;
  #tracer: Tracer | undefined;
  #isDirect: boolean;

  constructor(options: InMemoryMessageBusOptions) {
    this.#retry = options.retry;
    this.#deadLetterQueue = options.deadLetterQueue;
    this.#logger = options.logger ?? noopLogger;
    this.#clock = options.clock ?? systemClock;
    this.#metrics = options.metrics;
    this.#tracer = options.tracer;
    this.#isDirect = this.#canCallDirectly();
  }

  /** `true` when no option or hook needs work around a handler call, so a bus may call handlers directly. */
  get isDirect(): boolean {
    return this.#isDirect;
  }

  /**
   * Reports to `hooks` from now on, in place of the `metrics` and `tracer` it had (a hook left out is
   * kept), and works out again whether handlers may be called directly.
   */
  observe(hooks: ObservabilityHooks): void {
    if (hooks.metrics !== undefined) this.#metrics = hooks.metrics;
    if (hooks.tracer !== undefined) this.#tracer = hooks.tracer;
    this.#isDirect = this.#canCallDirectly();
  }

  #canCallDirectly(): boolean {
    return (
      this.#retry === undefined &&
      this.#deadLetterQueue === undefined &&
      this.#tracer === undefined &&
      this.#metrics?.messageHandled === undefined
    );
  }

  /**
   * Delivers `message` to `handler`. For a publish (`isPublish`), it retries as the policy allows and,
   * when retries run out, dead-letters the message for the handler (if a queue is configured). A targeted
   * redelivery (redrive) is one attempt and never dead-letters: the queue counts it and keeps the letter.
   *
   * @returns `undefined` when the handler succeeded, else how it failed; a failure to dead-letter is
   * logged and returned as not dead-lettered, so the caller rejects and nothing is lost.
   */
  async deliver(
    handler: SubscribedHandler,
    message: Message,
    isPublish: boolean,
  ): Promise<DeliveryFailure | undefined> {
    const span = this.#startSpan(handler, message);
    const overrides: MessageContext | undefined =
      span === undefined ? undefined : { traceId: span.traceId, traceparent: span.traceparent };
    let attempts = 0;
    const attempt = (attempt: number): Promise<void> => {
      attempts = attempt;
      return this.#attempt(handler, message, overrides);
    };
    try {
      if (this.#retry === undefined || !isPublish) await attempt(1);
      else await retry(attempt, this.#retry, { clock: this.#clock, onRetry: this.#logRetry(handler, message) });
      return undefined;
    } catch (error) {
      span?.recordError(error);
      const deadLettered =
        isPublish && this.#deadLetterQueue !== undefined
          ? await this.#deadLetter(this.#deadLetterQueue, handler, message, error, attempts)
          : false;
      return { handlerName: handler.name, error, deadLettered };
    } finally {
      span?.end();
    }
  }

  #startSpan(handler: SubscribedHandler, message: Message): Span | undefined {
    if (this.#tracer === undefined) return undefined;
    const name = message.kind === 'command' ? `handle_command:${message.type}` : `process_event:${message.type}`;
    const options: SpanOptions = {
      kind: 'consumer',
      attributes: {
        'messaging.message.id': message.id,
        'orchestrix.message.type': message.type,
        'orchestrix.handler': handler.name,
      },
      ...(message.traceparent === undefined ? {} : { parent: message.traceparent }),
    };
    return this.#tracer.startSpan(name, options);
  }

  async #attempt(handler: SubscribedHandler, message: Message, overrides: MessageContext | undefined): Promise<void> {
    const metrics = this.#metrics;
    if (metrics?.messageHandled === undefined) {
      await invokeHandler(handler, message, overrides);
      return;
    }
    const started = performance.now();
    let status: OperationStatus = 'error';
    try {
      await invokeHandler(handler, message, overrides);
      status = 'success';
    } finally {
      metrics.messageHandled({
        kind: message.kind,
        messageType: message.type,
        handlerName: handler.name,
        status,
        durationMs: performance.now() - started,
      });
    }
  }

  #logRetry(handler: SubscribedHandler, message: Message): (error: unknown, attempt: number, delayMs: number) => void {
    return (error, attempt, delayMs) => {
      this.#logger.debug('Retrying a failed handler', {
        messageType: message.type,
        messageId: message.id,
        handlerName: handler.name,
        attempt,
        delayMs,
        error,
      });
    };
  }

  /** Returns `true` once the letter is stored, `false` (after logging why) when the queue refused it. */
  async #deadLetter(
    queue: DeadLetterQueue,
    handler: SubscribedHandler,
    message: Message,
    error: unknown,
    attempts: number,
  ): Promise<boolean> {
    const context = { messageType: message.type, messageId: message.id, handlerName: handler.name, attempts };
    try {
      await queue.enqueue({
        message,
        handlerName: handler.name,
        attempts,
        error: toDeadLetterError(error),
        failedAt: this.#clock.now().toISOString(),
      });
    } catch (enqueueError) {
      this.#logger.error('Dead-lettering a failed message failed: publish rejects instead', {
        ...context,
        error: enqueueError,
      });
      return false;
    }
    this.#metrics?.deadLettered?.({ messageType: message.type, handlerName: handler.name });
    this.#logger.warn('Dead-lettered a message its handler failed on', { ...context, error });
    return true;
  }
}
