import { HandlerError, type HandlerFailure, type Message } from '@orchestrix/core';
import type { DeliveryFailure } from '../internal/handler-delivery';
import { InMemoryBusBase } from '../internal/in-memory-bus-base';
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
export class InMemoryAsyncMessageBus extends InMemoryBusBase {
  constructor(options: InMemoryAsyncMessageBusOptions = {}) {
    super(options);
  }

  /**
   * Runs all of `message`'s handlers concurrently. When any fail (and were not dead-lettered, or handled a
   * command), it rejects with one {@link HandlerError} listing every failure in subscription order.
   *
   * @internal Called by `publish`.
   */
  protected override async dispatch(message: Message): Promise<void> {
    const handlers = this.registry.handlersFor(message);
    if (handlers.length === 0) return;
    let failures: HandlerFailure[];
    if (this.delivery.isDirect) {
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
        handlers.map((handler) => this.delivery.deliver(handler, message, true)),
      );
      failures = failedDeliveries(message, handlers, outcomes);
    }
    if (failures.length > 0) throw new HandlerError(message.type, failures);
  }
}
