import {
  DuplicateHandlerError,
  HandlerError,
  type Message,
  type MessageBus,
  type MessageFactory,
  type MessageHandler,
  type MessageKind,
  NoHandlerError,
  runInMessageContext,
  type SubscribedMessage,
  type SubscribeOptions,
} from '@orchestrix/core';

/**
 * A handler as {@link SequentialBus} keeps it.
 *
 * @internal Shared by the testing package's buses and its test fixtures; not part of the public API.
 */
export interface Subscription {
  readonly type: string;
  /** The kind the subscribing factory told, or `undefined` when subscribed by type name. */
  readonly kind: MessageKind | undefined;
  readonly name: string;
  readonly handle: (message: Message) => unknown;
}

function nameOf(handler: MessageHandler<Message>, options: SubscribeOptions | undefined): string {
  if (options?.name !== undefined) return options.name;
  const name = typeof handler === 'function' ? handler.name : handler.constructor.name;
  return name === '' || name === 'Object' ? 'anonymous' : name;
}

/**
 * A minimal correct `MessageBus` that runs a message's handlers one after another, with the same errors
 * and metadata propagation as `InMemoryMessageBus`. `RecordingBus` delivers through it; the test fixtures
 * extend it and change how a handler runs (`run`) or how a message is published.
 *
 * @internal Shared by the testing package's buses and its test fixtures; not part of the public API.
 */
export class SequentialBus implements MessageBus {
  #subscriptions: readonly Subscription[] = [];

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
    const untyped = handler as MessageHandler<Message>;
    const typeName = typeof type === 'string' ? type : type.type;
    const kind = typeof type === 'string' ? undefined : type.kind;
    const name = nameOf(untyped, options);
    const isCommand = (subscription: Subscription): boolean =>
      subscription.type === typeName && (kind === 'command' || subscription.kind === 'command');
    if (this.#subscriptions.some(isCommand)) throw new DuplicateHandlerError(typeName, name);
    const subscription: Subscription = {
      type: typeName,
      kind,
      name,
      handle: typeof untyped === 'function' ? untyped : (message) => untyped.handle(message),
    };
    this.#subscriptions = [...this.#subscriptions, subscription];
    return () => {
      this.#subscriptions = this.#subscriptions.filter((candidate) => candidate !== subscription);
    };
  }

  /**
   * Runs `message`'s handlers one after another.
   *
   * @throws {@link NoHandlerError} for a command without a handler.
   * @throws {@link HandlerError} when a handler fails; the later handlers are not called.
   */
  async publish(message: Message): Promise<void> {
    for (const subscription of this.handlersFor(message)) await this.run(subscription, message);
  }

  /**
   * Delivers `message` to the one handler named `handlerName`.
   *
   * @throws {@link NoHandlerError} when no handler of that name handles the message's type.
   * @throws {@link HandlerError} when it fails.
   */
  async deliverTo(handlerName: string, message: Message): Promise<void> {
    const subscription = this.#subscriptions.find(
      (candidate) => candidate.type === message.type && candidate.name === handlerName,
    );
    if (subscription === undefined) throw new NoHandlerError(message.type);
    await this.run(subscription, message);
  }

  /**
   * The handlers of `message`'s type, in subscription order.
   *
   * @throws {@link NoHandlerError} for a command without a handler.
   */
  protected handlersFor(message: Message): readonly Subscription[] {
    const handlers = this.#subscriptions.filter((subscription) => subscription.type === message.type);
    if (message.kind === 'command' && handlers.length === 0) throw new NoHandlerError(message.type);
    return handlers;
  }

  /**
   * Runs one handler inside `message`'s context.
   *
   * @throws {@link HandlerError} naming the handler when it fails.
   */
  protected async run(subscription: Subscription, message: Message): Promise<void> {
    try {
      await runInMessageContext(message, () => subscription.handle(message));
    } catch (error) {
      throw new HandlerError(message.type, [{ handlerName: subscription.name, error }]);
    }
  }
}
