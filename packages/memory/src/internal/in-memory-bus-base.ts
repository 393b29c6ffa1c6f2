import {
  HandlerError,
  type Message,
  type MessageBus,
  type MessageFactory,
  type MessageHandler,
  type Metrics,
  measure,
  noopLogger,
  type ObservabilityHooks,
  type SubscribedMessage,
  type SubscribeOptions,
} from '@orchestrix/core';
import type { InMemoryMessageBusOptions } from '../message-bus/in-memory-message-bus';
import { HandlerDelivery } from './handler-delivery';
import { HandlerRegistry } from './handler-registry';

/**
 * What the in-memory buses share: subscriptions, `publish` measured for metrics, and `deliverTo`. A bus
 * says only how it runs one message's handlers, in {@link InMemoryBusBase.dispatch}.
 *
 * @internal Shared by the in-memory buses; not part of the public API.
 */
export abstract class InMemoryBusBase implements MessageBus {
  /** The handlers by message type. @internal */
  protected readonly registry: HandlerRegistry;
  /** Runs one handler with the options' retries, dead-lettering, metrics and tracing. @internal */
  protected readonly delivery: HandlerDelivery;
  #metrics: Metrics | undefined;

  constructor(options: InMemoryMessageBusOptions) {
    this.registry = new HandlerRegistry(options.logger ?? noopLogger);
    this.delivery = new HandlerDelivery(options);
    this.#metrics = options.metrics;
  }

  /**
   * Reports to `hooks` from now on, in place of the `metrics` and `tracer` it was built with (a hook left
   * out is kept): `messagePublished` per publish, and per handler delivery `messageHandled`, a consumer
   * span and `deadLettered`. `@orchestrix/observability`'s `instrumentBus` calls it with a `deadLettered`
   * hook only, since it measures and traces publishes and handlers itself.
   *
   * @returns This bus.
   * @example bus.observe({ metrics: new PrometheusMetrics(), tracer });
   */
  observe(hooks: ObservabilityHooks): this {
    if (hooks.metrics !== undefined) this.#metrics = hooks.metrics;
    this.delivery.observe(hooks);
    return this;
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
    return this.registry.subscribe(type, handler, options);
  }

  /**
   * Runs `message`'s handlers, one after another or concurrently as the bus's class says, and settles
   * when they have run.
   *
   * @throws {@link NoHandlerError} for a command without a handler.
   * @throws {@link DuplicateHandlerError} for a command whose type has several handlers.
   * @throws {@link HandlerError} when a handler failed and was not dead-lettered, or for a command whose
   * handler failed at all: it names the first failure when handlers run one after another, and lists
   * every failure, in subscription order, when they run concurrently.
   */
  async publish(message: Message): Promise<void> {
    const metrics = this.#metrics;
    if (metrics?.messagePublished === undefined) return this.dispatch(message);
    return measure(
      (status, durationMs) =>
        metrics.messagePublished?.({ kind: message.kind, messageType: message.type, status, durationMs }),
      () => this.dispatch(message),
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
    const failure = await this.delivery.deliver(this.registry.handlerNamed(message, handlerName), message, false);
    if (failure !== undefined) throw new HandlerError(message.type, [{ handlerName, error: failure.error }]);
  }

  /**
   * Runs `message`'s handlers and settles when they have run, rejecting as `publish` says.
   *
   * @internal Called by `publish`; each bus runs the handlers its own way.
   */
  protected abstract dispatch(message: Message): Promise<void>;
}
