import {
  type Clock,
  type DeadLetterQueue,
  HandlerError,
  type Logger,
  type Message,
  type MessageBus,
  type MessageFactory,
  type MessageHandler,
  type Metrics,
  measure,
  noopLogger,
  type RetryPolicy,
  type SubscribedMessage,
  type SubscribeOptions,
  type Tracer,
} from '@orchestrix/core';
import { HandlerDelivery } from '../internal/handler-delivery';
import { HandlerRegistry } from '../internal/handler-registry';
import { invokeHandler } from '../internal/invoke-handler';

/** Options of {@link InMemoryMessageBus} and {@link InMemoryAsyncMessageBus}; all optional. */
export interface InMemoryMessageBusOptions {
  /** Retries a failing handler, waiting on `clock` between attempts; without it a handler runs once. */
  readonly retry?: RetryPolicy;
  /**
   * Receives the message, per handler, when that handler's retries run out. Then `publish` of an event
   * resolves (the handlers after it still run); a command still rejects, after dead-lettering.
   */
  readonly deadLetterQueue?: DeadLetterQueue;
  /** Receives retries (`debug`), dead letters (`warn`) and failures to dead-letter (`error`); default {@link noopLogger}. */
  readonly logger?: Logger;
  /** Receives `messageHandled` per handler attempt, `messagePublished` per publish and `deadLettered`. */
  readonly metrics?: Metrics;
  /** Starts one consumer span per handler delivery: `handle_command:<type>` or `process_event:<type>`. */
  readonly tracer?: Tracer;
  /** Where retry delays are spent and dead letters' `failedAt` is read; default `systemClock`. */
  readonly clock?: Clock;
}

/**
 * A {@link MessageBus} in one process that runs a message's handlers one after another, in subscription
 * order, each awaited. When one fails (after its retries, and unless it was dead-lettered) the later
 * handlers are not called and `publish` rejects with a {@link HandlerError} naming it.
 *
 * Each handler runs inside the message's context, so messages it creates inherit its correlation,
 * causation and trace ids. Handlers of one type need distinct names for `deliverTo` (and redrive) to
 * address each of them: it delivers to the first handler of the name.
 *
 * @example
 * const bus = new InMemoryMessageBus({ retry: new FixedDelay({ maxRetries: 2, delayMs: 100 }) });
 * bus.subscribe(OrderCreated, (event) => sendConfirmation(event.data.orderId), { name: 'send-confirmation' });
 * await bus.publish(OrderCreated({ orderId: 'order-1', totalAmount: 99 }));
 */
export class InMemoryMessageBus implements MessageBus {
  readonly #registry: HandlerRegistry;
  readonly #delivery: HandlerDelivery;
  readonly #metrics: Metrics | undefined;

  constructor(options: InMemoryMessageBusOptions = {}) {
    this.#registry = new HandlerRegistry(options.logger ?? noopLogger);
    this.#delivery = new HandlerDelivery(options);
    this.#metrics = options.metrics;
  }

  /**
   * Subscribes `handler` to a message type; returns the function that unsubscribes it.
   *
   * @throws {@link DuplicateHandlerError} when `type` is a command factory whose type already has a handler.
   * @throws {@link ValidationError} when `type`, `handler` or `options.name` is not usable.
   */
  subscribe<F extends MessageFactory | string>(
    type: F,
    handler: MessageHandler<SubscribedMessage<F>>,
    options?: SubscribeOptions,
  ): () => void {
    return this.#registry.subscribe(type, handler, options);
  }

  /**
   * Runs `message`'s handlers one after another and settles when they have run.
   *
   * @throws {@link NoHandlerError} for a command without a handler.
   * @throws {@link DuplicateHandlerError} for a command whose type has several handlers.
   * @throws {@link HandlerError} when a handler failed and was not dead-lettered, or for a command whose
   * handler failed at all.
   */
  async publish(message: Message): Promise<void> {
    const metrics = this.#metrics;
    if (metrics?.messagePublished === undefined) return this.#dispatch(message);
    return measure(
      (status, durationMs) =>
        metrics.messagePublished?.({ kind: message.kind, messageType: message.type, status, durationMs }),
      () => this.#dispatch(message),
    );
  }

  /**
   * Delivers `message` to the handler named `handlerName` only, in one attempt, without retries or
   * dead-lettering: the dead-letter queue's redrive counts the attempt and decides what to keep.
   *
   * @throws {@link NoHandlerError} when no handler of that name is subscribed to the message's type.
   * @throws {@link HandlerError} when it fails.
   */
  async deliverTo(handlerName: string, message: Message): Promise<void> {
    const failure = await this.#delivery.deliver(this.#registry.handlerNamed(message, handlerName), message, false);
    if (failure !== undefined) throw new HandlerError(message.type, [{ handlerName, error: failure.error }]);
  }

  async #dispatch(message: Message): Promise<void> {
    const handlers = this.#registry.handlersFor(message);
    if (this.#delivery.isDirect) {
      for (const handler of handlers) {
        try {
          const pending = invokeHandler(handler, message);
          if (pending !== undefined) await pending;
        } catch (error) {
          throw new HandlerError(message.type, [{ handlerName: handler.name, error }]);
        }
      }
      return;
    }
    for (const handler of handlers) {
      const failure = await this.#delivery.deliver(handler, message, true);
      if (failure !== undefined && (!failure.deadLettered || message.kind === 'command')) {
        throw new HandlerError(message.type, [{ handlerName: failure.handlerName, error: failure.error }]);
      }
    }
  }
}
