import type {
  Message,
  MessageBus,
  MessageFactory,
  MessageHandler,
  MessageOf,
  SubscribedMessage,
  SubscribeOptions,
} from '@orchestrix/core';
import { SequentialBus } from '../internal/sequential-bus';

/** Options of {@link RecordingBus}. */
export interface RecordingBusOptions {
  /**
   * Deliver published messages to the subscribed handlers, one after another like `InMemoryMessageBus`;
   * `true` unless given. With `false` the bus only records, and a command needs no handler.
   */
  readonly deliver?: boolean;
}

/**
 * A `MessageBus` for tests that records every published message, so a test can assert what was
 * published. It also delivers to subscribed handlers, sequentially, with the same errors and metadata
 * propagation as `InMemoryMessageBus`, unless built with `{ deliver: false }`.
 *
 * @example
 * const bus = new RecordingBus();
 * const repository = new AggregateRepository({ eventStore, bus });
 * await repository.handle(Order, 'order-1', (order) => order.ship());
 * expect(bus.ofType(OrderShipped)).toHaveLength(1);
 */
export class RecordingBus implements MessageBus {
  readonly #published: Message[] = [];
  readonly #bus = new SequentialBus();
  readonly #deliver: boolean;

  constructor(options: RecordingBusOptions = {}) {
    this.#deliver = options.deliver ?? true;
  }

  /** Every message published since the bus was built or last cleared, in publish order. */
  get published(): readonly Message[] {
    return Object.freeze([...this.#published]);
  }

  /** The published messages of one type: give a factory for typed messages, or a type name. */
  ofType<F extends MessageFactory>(type: F): MessageOf<F>[];
  ofType(type: string): Message[];
  ofType(type: MessageFactory | string): Message[] {
    const typeName = typeof type === 'string' ? type : type.type;
    return this.#published.filter((message) => message.type === typeName);
  }

  /** Forgets the recorded messages; subscriptions stay. */
  clear(): void {
    this.#published.length = 0;
  }

  /**
   * Subscribes `handler` to a message type; returns the function that unsubscribes it.
   *
   * @throws {@link DuplicateHandlerError} when a command type (given by its factory) already has a handler.
   */
  subscribe<F extends MessageFactory | string>(
    type: F,
    handler: MessageHandler<SubscribedMessage<F>>,
    options?: SubscribeOptions,
  ): () => void {
    return this.#bus.subscribe(type, handler, options);
  }

  /**
   * Records `message`, then (unless built with `deliver: false`) runs its handlers one after another.
   *
   * @throws {@link NoHandlerError} for a command without a handler, when delivering.
   * @throws {@link HandlerError} when a handler fails; the later handlers are not called.
   */
  async publish(message: Message): Promise<void> {
    this.#published.push(message);
    if (this.#deliver) await this.#bus.publish(message);
  }

  /**
   * Delivers `message` to the one handler named `handlerName`, without recording it as published.
   *
   * @throws {@link NoHandlerError} when no handler of that name handles the message's type.
   * @throws {@link HandlerError} when it fails.
   */
  async deliverTo(handlerName: string, message: Message): Promise<void> {
    await this.#bus.deliverTo(handlerName, message);
  }
}
