import type { MessageFactory, MessageOf } from '../messages/define-message';
import type { Message } from '../messages/message';

/** A function that handles a message; its result is awaited. */
export type MessageHandlerFunction<M extends Message = Message> = (message: M) => unknown;

/** A handler: a function, or an object with `handle(message)`. */
export type MessageHandler<M extends Message = Message> = MessageHandlerFunction<M> | { handle(message: M): unknown };

/** Options of {@link MessageBus.subscribe}. */
export interface SubscribeOptions {
  /** Identifies the handler in errors, dead letters and metrics; the function's or class's name unless given. */
  readonly name?: string;
}

/** The message type a `subscribe` call handles: a factory's message, or any message for a type name. */
export type SubscribedMessage<F> = F extends MessageFactory ? MessageOf<F> : Message;

/** Routes messages by `type` to their handlers: exactly one per command, zero or more per event. */
export interface MessageBus {
  /**
   * Subscribes `handler` to a message type; returns the function that unsubscribes it.
   *
   * @throws {@link DuplicateHandlerError} when the type is a command type that already has a handler.
   * @example const unsubscribe = bus.subscribe(OrderCreated, (event) => console.log(event.data.orderId));
   */
  subscribe<F extends MessageFactory | string>(
    type: F,
    handler: MessageHandler<SubscribedMessage<F>>,
    options?: SubscribeOptions,
  ): () => void;
  /**
   * Delivers `message` to its handlers and settles when they have run.
   *
   * @throws {@link NoHandlerError} for a command without a handler.
   * @throws {@link HandlerError} when a handler failed and was not dead-lettered.
   */
  publish(message: Message): Promise<void>;
  /**
   * Delivers `message` to the one handler named `handlerName` (the dead-letter queue's redrive uses it).
   *
   * @throws {@link NoHandlerError} when no handler of that name is subscribed to the message's type.
   * @throws {@link HandlerError} when it fails.
   */
  deliverTo(handlerName: string, message: Message): Promise<void>;
}
