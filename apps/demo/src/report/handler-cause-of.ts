import { HandlerError } from '@orchestrix/core';

/**
 * The error a command's handler threw. `bus.publish` wraps it in a {@link HandlerError} naming the
 * handler; its `cause` is the handler's own error, e.g. an `InsufficientFundsError`.
 */
export function handlerCauseOf(error: unknown): unknown {
  return error instanceof HandlerError ? error.cause : error;
}
