import {
  type Clock,
  type DeadLetterQueue,
  HandlerError,
  type Logger,
  type Message,
  type Metrics,
  type RetryPolicy,
  type Tracer,
} from '@orchestrix/core';
import { InMemoryBusBase } from '../internal/in-memory-bus-base';
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
export class InMemoryMessageBus extends InMemoryBusBase {
  constructor(options: InMemoryMessageBusOptions = {}) {
    super(options);
  }

  /**
   * Runs `message`'s handlers one after another. The first that fails (and was not dead-lettered, or
   * handled a command) stops the rest, and it rejects with a {@link HandlerError} naming that handler.
   *
   * @internal Called by `publish`.
   */
  protected override async dispatch(message: Message): Promise<void> {
    const handlers = this.registry.handlersFor(message);
    if (this.delivery.isDirect) {
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
      const failure = await this.delivery.deliver(handler, message, true);
      if (failure !== undefined && (!failure.deadLettered || message.kind === 'command')) {
        throw new HandlerError(message.type, [{ handlerName: failure.handlerName, error: failure.error }]);
      }
    }
  }
}
