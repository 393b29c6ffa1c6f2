import {
  DuplicateHandlerError,
  type Logger,
  type Message,
  type MessageFactory,
  type MessageHandler,
  type MessageKind,
  NoHandlerError,
  type SubscribeOptions,
  ValidationError,
} from '@orchestrix/core';
import { type SubscribedHandler, toSubscribedHandler } from './subscribed-handler';

/** The handlers of one message type, and its kind when a factory told it. */
interface Route {
  readonly kind: MessageKind | undefined;
  /** Replaced, never changed, so a publish in progress keeps the handlers it started with. */
  readonly handlers: readonly SubscribedHandler[];
}

const NO_HANDLERS: readonly SubscribedHandler[] = Object.freeze([]);

function typeNameOf(type: MessageFactory | string): string {
  const name: unknown = typeof type === 'string' ? type : (type as { type?: unknown } | null)?.type;
  if (typeof name !== 'string' || name.trim() === '') {
    throw new ValidationError('type', type, 'type must be a message factory or a non-empty message type name');
  }
  return name;
}

/**
 * Routes message types to their handlers, in subscription order: exactly one per command, any number
 * per event. A type subscribed through a command factory refuses a second handler at `subscribe`; a type
 * subscribed only by name is checked when a command of it is published, which needs exactly one handler.
 *
 * @internal Shared by the in-memory buses; not part of the public API.
 */
export class HandlerRegistry {
  readonly #routes = new Map<string, Route>();
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  /**
   * Adds `handler` for `type`; returns the function that removes it (calling it again does nothing).
   *
   * @throws {@link DuplicateHandlerError} when `type` is a command type that already has a handler.
   * @throws {@link ValidationError} when `type` or `handler` is not usable.
   */
  subscribe(type: MessageFactory | string, handler: MessageHandler<never>, options?: SubscribeOptions): () => void {
    const typeName = typeNameOf(type);
    const subscribed = toSubscribedHandler(handler, options);
    const route = this.#routes.get(typeName);
    const kind = typeof type === 'string' ? route?.kind : type.kind;
    const handlers = route?.handlers ?? NO_HANDLERS;
    if (kind === 'command' && handlers.length > 0) throw new DuplicateHandlerError(typeName, subscribed.name);
    if (handlers.some((existing) => existing.name === subscribed.name)) {
      this.#logger.warn('Two handlers of one message type share a name: name them, so redrive can tell them apart', {
        messageType: typeName,
        handlerName: subscribed.name,
      });
    }
    this.#routes.set(typeName, { kind, handlers: Object.freeze([...handlers, subscribed]) });
    return () => this.#unsubscribe(typeName, subscribed);
  }

  /**
   * The handlers of `message`'s type, in subscription order.
   *
   * @throws {@link NoHandlerError} for a command without a handler.
   * @throws {@link DuplicateHandlerError} for a command whose type name has several handlers.
   */
  handlersFor(message: Message): readonly SubscribedHandler[] {
    const route = this.#routes.get(message.type);
    if (message.kind !== 'command') return route === undefined ? NO_HANDLERS : route.handlers;
    const handlers = route?.handlers ?? NO_HANDLERS;
    const second = handlers[1];
    if (second !== undefined) throw new DuplicateHandlerError(message.type, second.name);
    if (handlers.length === 0) throw new NoHandlerError(message.type);
    return handlers;
  }

  /**
   * The first handler of `message`'s type named `handlerName`.
   *
   * @throws {@link NoHandlerError} when the type has no handler of that name.
   */
  handlerNamed(message: Message, handlerName: string): SubscribedHandler {
    const handler = this.#routes.get(message.type)?.handlers.find((candidate) => candidate.name === handlerName);
    if (handler === undefined) throw new NoHandlerError(message.type, handlerName);
    return handler;
  }

  #unsubscribe(typeName: string, subscribed: SubscribedHandler): void {
    const route = this.#routes.get(typeName);
    if (route === undefined || !route.handlers.includes(subscribed)) return;
    const handlers = route.handlers.filter((handler) => handler !== subscribed);
    if (handlers.length === 0) this.#routes.delete(typeName);
    else this.#routes.set(typeName, { kind: route.kind, handlers: Object.freeze(handlers) });
  }
}
