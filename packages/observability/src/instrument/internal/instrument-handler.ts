import {
  type Message,
  type MessageHandler,
  type ObservabilityHooks,
  runInMessageContext,
  type SpanOptions,
  traced,
} from '@orchestrix/core';
import { measureSafely } from './measure-safely';
import { messagingAttributes } from './messaging-attributes';
import { publishSpanOf } from './publish-scope';

/** The span of one handler call: a consumer span, child of the message's traceparent (or its publish span). */
function handleSpanOptions(message: Message, handlerName: string): SpanOptions {
  const parent = message.traceparent ?? publishSpanOf(message);
  return {
    kind: 'consumer',
    attributes: messagingAttributes(message, 'process', {
      'messaging.consumer.group.name': handlerName,
      'orchestrix.handler': handlerName,
    }),
    ...(parent === undefined ? {} : { parent }),
  };
}

/**
 * Wraps a valid bus handler so each call runs in a `handle_command:<type>` or `process_event:<type>`
 * consumer span and inside the message's context with the span's trace ids, and reports
 * `messageHandled`. The wrapper keeps what a bus names a handler after: a function wrapper has the
 * function's name, an object wrapper has the object as its prototype (so its class).
 *
 * @internal Shared by the instrument functions; not part of the public API.
 */
export function instrumentHandler(
  handler: MessageHandler<never>,
  handlerName: string,
  hooks: ObservabilityHooks,
): MessageHandler<never> {
  const call =
    typeof handler === 'function'
      ? (message: Message): unknown => (handler as (message: Message) => unknown)(message)
      : (message: Message): unknown => (handler as { handle(message: Message): unknown }).handle(message);
  const { metrics, tracer } = hooks;
  const handle = (message: Message): Promise<unknown> => {
    const record =
      metrics?.messageHandled === undefined
        ? undefined
        : (status: 'success' | 'error', durationMs: number): void =>
            metrics.messageHandled?.({
              kind: message.kind,
              messageType: message.type,
              handlerName,
              status,
              durationMs,
            });
    const spanName = message.kind === 'command' ? `handle_command:${message.type}` : `process_event:${message.type}`;
    return measureSafely(record, () =>
      traced(tracer, spanName, handleSpanOptions(message, handlerName), async (span) =>
        runInMessageContext(
          message,
          () => call(message),
          span === undefined ? {} : { traceId: span.traceId, traceparent: span.traceparent },
        ),
      ),
    );
  };
  if (typeof handler === 'function') {
    const wrapped = (message: Message): Promise<unknown> => handle(message);
    Object.defineProperty(wrapped, 'name', { value: handler.name });
    return wrapped;
  }
  return Object.create(handler, { handle: { value: handle } }) as MessageHandler<never>;
}
