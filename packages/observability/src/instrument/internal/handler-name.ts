import type { MessageHandler, SubscribeOptions } from '@orchestrix/core';

/** The name of a class instance's class, unless it is a plain object. */
function className(handler: object): string | undefined {
  const handlerClass: unknown = (Object.getPrototypeOf(handler) as { constructor?: unknown } | null)?.constructor;
  if (typeof handlerClass !== 'function' || handlerClass === Object || handlerClass.name === '') return undefined;
  return handlerClass.name;
}

/**
 * The name a bus gives `handler` (SPEC §5): `options.name`, else the function's or the class's name, else
 * `'anonymous'`; `undefined` when the handler or its name is unusable, so the bus itself rejects it.
 *
 * @internal Shared by the instrument functions; not part of the public API.
 */
export function handlerNameOf(
  handler: MessageHandler<never>,
  options: SubscribeOptions | undefined,
): string | undefined {
  if (options?.name !== undefined) {
    return typeof options.name === 'string' && options.name.trim() !== '' ? options.name : undefined;
  }
  if (typeof handler === 'function') return handler.name === '' ? 'anonymous' : handler.name;
  if (typeof handler !== 'object' || handler === null || typeof handler.handle !== 'function') return undefined;
  return className(handler) ?? 'anonymous';
}
