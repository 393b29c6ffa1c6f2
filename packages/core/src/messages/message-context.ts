import { AsyncLocalStorage } from 'node:async_hooks';
import type { Message } from './message';

/** Metadata that messages created while a handler runs inherit from the message it handles. */
export interface MessageContext {
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly traceId?: string;
  readonly traceparent?: string;
}

const storage = new AsyncLocalStorage<MessageContext>();

/** The context of the handler running now, or `undefined` outside any handler. */
export function currentMessageContext(): MessageContext | undefined {
  return storage.getStore();
}

/**
 * Runs `work` as the handler of `parent`: messages created inside inherit `correlationId` (the parent's
 * correlationId, or its id), `causationId` (the parent's id) and the trace ids, unless given explicitly.
 * Buses, the repository, sagas and projections call it; concurrent handlers never see each other's context.
 *
 * @example await runInMessageContext(command, () => handler(command));
 */
export function runInMessageContext<T>(parent: Message, work: () => T, overrides: MessageContext = {}): T {
  const context: MessageContext = {
    correlationId: parent.correlationId ?? parent.id,
    causationId: parent.id,
    ...(parent.traceId === undefined ? {} : { traceId: parent.traceId }),
    ...(parent.traceparent === undefined ? {} : { traceparent: parent.traceparent }),
    ...overrides,
  };
  return storage.run(context, work);
}

/**
 * Runs `work` with the current context (if any) but the trace ids of `span`, so messages created and
 * spans started inside are its children. Tracing wrappers call it around the work a span covers.
 *
 * @example await runInTraceContext(span, () => store.save(streamId, events));
 */
export function runInTraceContext<T>(
  span: { readonly traceId: string; readonly traceparent: string },
  work: () => T,
): T {
  return storage.run({ ...storage.getStore(), traceId: span.traceId, traceparent: span.traceparent }, work);
}
