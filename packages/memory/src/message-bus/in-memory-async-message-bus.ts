import {
  HandlerError,
  type HandlerFailure,
  type Message,
  type MessageBus,
  type MessageFactory,
  type MessageHandler,
  type Metrics,
  measure,
  noopLogger,
  type SubscribedMessage,
  type SubscribeOptions,
} from '@orchestrix/core';
import { type DeliveryFailure, HandlerDelivery } from '../internal/handler-delivery';
import { HandlerRegistry } from '../internal/handler-registry';
import { invokeHandler } from '../internal/invoke-handler';
import type { SubscribedHandler } from '../internal/subscribed-handler';
import type { InMemoryMessageBusOptions } from './in-memory-message-bus';

/** Options of {@link InMemoryAsyncMessageBus}: the same as {@link InMemoryMessageBusOptions}. */
export type InMemoryAsyncMessageBusOptions = InMemoryMessageBusOptions;

/** Calls a handler directly; a synchronous throw becomes a rejection like any other failure. */
async function callHandler(handler: SubscribedHandler, message: Message): Promise<void> {
  await invokeHandler(handler, message);
}

/** The failures among settled direct calls, in subscription order. */
function failedCalls(
  handlers: readonly SubscribedHandler[],
  outcomes: readonly PromiseSettledResult<void>[],
): HandlerFailure[] {
  const failures: HandlerFailure[] = [];
  outcomes.forEach((outcome, index) => {
    if (outcome.status === 'rejected') {
      failures.push({ handlerName: handlers[index]?.name ?? 'unknown', error: outcome.reason });
    }
  });
  return failures;
}

/** The failures among settled deliveries that make `publish` reject, in subscription order. */
function failedDeliveries(
  message: Message,
  handlers: readonly SubscribedHandler[],
  outcomes: readonly PromiseSettledResult<DeliveryFailure | undefined>[],
): HandlerFailure[] {
  const failures: HandlerFailure[] = [];
  outcomes.forEach((outcome, index) => {
    // A delivery rejects only when a hook threw; that handler has failed all the same.
    if (outcome.status === 'rejected') {
      failures.push({ handlerName: handlers[index]?.name ?? 'unknown', error: outcome.reason });
    } else if (outcome.value !== undefined && (!outcome.value.deadLettered || message.kind === 'command')) {
      failures.push({ handlerName: outcome.value.handlerName, error: outcome.value.error });
    }
  });
  return failures;
}

/**
 * A {@link MessageBus} in one process that runs all handlers of a message concurrently and settles once
 * every one has finished. When any fail (after their retries, and unless dead-lettered), `publish`
 * rejects with one {@link HandlerError} whose `errors` lists every failure in subscription order; a
 * handler that throws synchronously counts as one that rejects, and never stops the others.
 *
 * Each handler runs inside the message's context, so messages it creates inherit its correlation,
 * causation and trace ids; concurrent handlers never see each other's context. Handlers of one type
 * need distinct names for `deliverTo` (and redrive) to address each of them.
 *
 * @example
 * const bus = new InMemoryAsyncMessageBus({ deadLetterQueue: new InMemoryDeadLetterQueue() });
 * bus.subscribe(OrderCreated, (event) => reserveStock(event.data.orderId), { name: 'reserve-stock' });
 * bus.subscribe(OrderCreated, (event) => sendConfirmation(event.data.orderId), { name: 'send-confirmation' });
 * await bus.publish(OrderCreated({ orderId: 'order-1', totalAmount: 99 })); // both run at once
 */
export class InMemoryAsyncMessageBus implements MessageBus {
  readonly #registry: HandlerRegistry;
  readonly #delivery: HandlerDelivery;
  readonly #metrics: Metrics | undefined;

  constructor(options: InMemoryAsyncMessageBusOptions = {}) {
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
   * Runs all of `message`'s handlers concurrently and settles when every one has finished.
   *
   * @throws {@link NoHandlerError} for a command without a handler.
   * @throws {@link DuplicateHandlerError} for a command whose type has several handlers.
   * @throws {@link HandlerError} listing every handler that failed and was not dead-lettered (for a
   * command, whose handler failed at all).
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
    if (handlers.length === 0) return;
    let failures: HandlerFailure[];
    if (this.#delivery.isDirect) {
      const only = handlers.length === 1 ? handlers[0] : undefined;
      if (only !== undefined) {
        try {
          const pending = invokeHandler(only, message);
          if (pending !== undefined) await pending;
          return;
        } catch (error) {
          throw new HandlerError(message.type, [{ handlerName: only.name, error }]);
        }
      }
      const outcomes = await Promise.allSettled(handlers.map((handler) => callHandler(handler, message)));
      failures = failedCalls(handlers, outcomes);
    } else {
      const outcomes = await Promise.allSettled(
        handlers.map((handler) => this.#delivery.deliver(handler, message, true)),
      );
      failures = failedDeliveries(message, handlers, outcomes);
    }
    if (failures.length > 0) throw new HandlerError(message.type, failures);
  }
}
