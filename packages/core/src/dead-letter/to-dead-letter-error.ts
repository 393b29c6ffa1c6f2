import { HandlerError } from '../errors/handler-error';
import type { DeadLetterError } from './dead-letter';

/** Options of {@link toDeadLetterError}. */
export interface ToDeadLetterErrorOptions {
  /**
   * Record the handler's own error when `thrown` is a {@link HandlerError} with one failure, as a bus's
   * `deliverTo` throws during a redrive; `false` unless given, so a handler's error is kept as it threw it.
   */
  readonly unwrapHandlerError?: boolean;
}

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
 * stack?, code? }`, with a numeric `code` as text. A thrown value that is not an `Error`
 * (`throw 'boom'`) is recorded with the name `NonError` and the value as text as its message. Every
 * bus and dead-letter queue calls it, so every store records a failure alike.
 *
 * @example
 * await queue.enqueue({ message, handlerName, attempts, error: toDeadLetterError(error), failedAt });
 */
export function toDeadLetterError(thrown: unknown, options: ToDeadLetterErrorOptions = {}): DeadLetterError {
  const error =
    options.unwrapHandlerError === true && thrown instanceof HandlerError && thrown.errors.length === 1
      ? thrown.errors[0]?.error
      : thrown;
  if (!(error instanceof Error)) return Object.freeze({ name: 'NonError', message: describeThrown(error) });
  const code: unknown = (error as { code?: unknown }).code;
  return Object.freeze({
    name: String(error.name),
    message: String(error.message),
    ...(typeof error.stack === 'string' ? { stack: error.stack } : {}),
    ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}),
  });
}
