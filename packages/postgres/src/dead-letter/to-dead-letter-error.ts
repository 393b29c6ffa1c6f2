import { type DeadLetterError, HandlerError } from '@orchestrix/core';

/** `String(value)`, or a description of the value when it cannot be turned into a string. */
function describeThrown(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * Turns what a redriven handler threw into the plain data a dead letter records: `{ name, message,
 * stack?, code? }`. A bus wraps a handler's error in a {@link HandlerError}; the handler's own is kept. A
 * thrown value that is not an `Error` is recorded with the name `NonError` and the value as text.
 */
export function toDeadLetterError(thrown: unknown): DeadLetterError {
  const error = thrown instanceof HandlerError && thrown.errors.length === 1 ? thrown.errors[0]?.error : thrown;
  if (!(error instanceof Error)) return { name: 'NonError', message: describeThrown(error) };
  const code: unknown = (error as { code?: unknown }).code;
  return {
    name: String(error.name),
    message: String(error.message),
    ...(typeof error.stack === 'string' ? { stack: error.stack } : {}),
    ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}),
  };
}

/** A letter's error with only its known fields, in their order; an `Error` instance is turned into data. */
export function copyDeadLetterError(error: DeadLetterError): DeadLetterError {
  if (error instanceof Error) return toDeadLetterError(error);
  return {
    name: typeof error.name === 'string' ? error.name : 'Error',
    message: error.message,
    ...(typeof error.stack === 'string' ? { stack: error.stack } : {}),
    ...(typeof error.code === 'string' ? { code: error.code } : {}),
  };
}
