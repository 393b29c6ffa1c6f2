import { type Message, type MessageHandler, type SubscribeOptions, ValidationError } from '@orchestrix/core';

/**
 * A handler as a bus keeps it: the name that identifies it, and one function that calls it.
 *
 * @internal Shared by the in-memory buses; not part of the public API.
 */
export interface SubscribedHandler {
  /** Identifies the handler in errors, dead letters, metrics and `deliverTo`. */
  readonly name: string;
  /** Calls the handler (a function, or an object's `handle`) with `message` and returns its result. */
  readonly handle: (message: Message) => unknown;
}

/** The name of a class instance's class, unless it is a plain object. */
function className(handler: object): string | undefined {
  const handlerClass: unknown = (Object.getPrototypeOf(handler) as { constructor?: unknown } | null)?.constructor;
  if (typeof handlerClass !== 'function' || handlerClass === Object) return undefined;
  return handlerClass.name === '' ? undefined : handlerClass.name;
}

function nameOf(handler: MessageHandler<never>, options: SubscribeOptions): string {
  if (options.name !== undefined) {
    if (typeof options.name !== 'string' || options.name.trim() === '') {
      throw new ValidationError('name', options.name, 'name cannot be empty: give the handler a name, or leave it out');
    }
    return options.name;
  }
  if (typeof handler === 'function') return handler.name === '' ? 'anonymous' : handler.name;
  return className(handler) ?? 'anonymous';
}

/**
 * Wraps a handler given to `subscribe`: its name is `options.name`, else the function's name, else the
 * class's name, else `'anonymous'`.
 *
 * @internal Shared by the in-memory buses; not part of the public API.
 * @throws {@link ValidationError} when `handler` is neither a function nor an object with `handle`, or
 * `options.name` is empty.
 */
export function toSubscribedHandler(handler: MessageHandler<never>, options: SubscribeOptions = {}): SubscribedHandler {
  if (typeof handler === 'function') {
    const call = handler as (message: Message) => unknown;
    return Object.freeze({ name: nameOf(handler, options), handle: (message: Message) => call(message) });
  }
  if (typeof handler !== 'object' || handler === null || typeof handler.handle !== 'function') {
    throw new ValidationError(
      'handler',
      handler,
      'handler must be a function or an object with a handle(message) method',
    );
  }
  const target = handler as { handle(message: Message): unknown };
  return Object.freeze({ name: nameOf(handler, options), handle: (message: Message) => target.handle(message) });
}
