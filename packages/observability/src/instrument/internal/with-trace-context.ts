import type { Message } from '@orchestrix/core';

/** The trace context a message is stamped with: a W3C traceparent and its trace id. */
export interface TraceContext {
  readonly traceId: string;
  readonly traceparent: string;
}

/** The trace id inside a W3C traceparent (`00-<trace id>-<span id>-<flags>`). */
function traceIdOf(traceparent: string): string | undefined {
  return traceparent.split('-')[1];
}

/**
 * The trace context of `source` (a span, or core's message context), or `undefined` when it has no
 * traceparent.
 *
 * @internal Shared by the instrument functions; not part of the public API.
 */
export function traceContextOf(
  source: { readonly traceId?: string | undefined; readonly traceparent?: string | undefined } | undefined,
): TraceContext | undefined {
  const traceparent = source?.traceparent;
  if (traceparent === undefined) return undefined;
  const traceId = source?.traceId ?? traceIdOf(traceparent);
  return traceId === undefined ? undefined : { traceId, traceparent };
}

/**
 * `message` itself when it already carries a traceparent (or a trace id of another trace), else a frozen
 * copy carrying `context`'s `traceId` and `traceparent`: messages are frozen, so they are never changed.
 * Anything that is not an object is returned as is, for the wrapped component to reject.
 *
 * @internal Shared by the instrument functions; not part of the public API.
 */
export function withTraceContext<M extends Message>(message: M, context: TraceContext | undefined): M {
  if (context === undefined || typeof message !== 'object' || message === null) return message;
  if (message.traceparent !== undefined) return message;
  if (message.traceId !== undefined && message.traceId !== context.traceId) return message;
  return Object.freeze({ ...message, traceId: context.traceId, traceparent: context.traceparent });
}
