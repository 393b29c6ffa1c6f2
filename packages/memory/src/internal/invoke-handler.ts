import { type Message, type MessageContext, runInMessageContext } from '@orchestrix/core';
import type { SubscribedHandler } from './subscribed-handler';

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Calls `handler` inside `message`'s context, so messages it creates inherit the correlation, causation
 * and trace ids. Returns what to await when the handler returned a promise, or `undefined` when it has
 * already finished; a handler that throws synchronously throws here.
 *
 * @internal Shared by the in-memory buses; not part of the public API.
 */
export function invokeHandler(
  handler: SubscribedHandler,
  message: Message,
  overrides?: MessageContext,
): PromiseLike<unknown> | undefined {
  const result = runInMessageContext(message, () => handler.handle(message), overrides);
  return isPromiseLike(result) ? result : undefined;
}
