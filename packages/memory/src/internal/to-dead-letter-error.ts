import type { DeadLetterError } from '@orchestrix/core';

/** `String(value)`, or a description of the value when it cannot be turned into a string. */
function describeThrown(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * Turns anything a handler threw into the frozen plain data a dead letter records: `{ name, message,
 * stack?, code? }`. A thrown value that is not an `Error` (`throw 'boom'`) is recorded with the name
 * `NonError` and the value as text as its message.
 *
 * @internal Shared by the in-memory buses and dead-letter queue; not part of the public API.
 */
export function toDeadLetterError(error: unknown): DeadLetterError {
  if (!(error instanceof Error)) return Object.freeze({ name: 'NonError', message: describeThrown(error) });
  const code: unknown = (error as { code?: unknown }).code;
  return Object.freeze({
    name: String(error.name),
    message: String(error.message),
    ...(typeof error.stack === 'string' ? { stack: error.stack } : {}),
    ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}),
  });
}
