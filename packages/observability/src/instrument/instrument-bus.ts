import {
  currentMessageContext,
  type Message,
  type MessageBus,
  type MessageFactory,
  type MessageHandler,
  type Metrics,
  type ObservabilityHooks,
  type OperationStatus,
  type SpanOptions,
  type SubscribeOptions,
  traced,
} from '@orchestrix/core';
import { delegatingProxy } from './internal/delegating-proxy';
import { handlerNameOf } from './internal/handler-name';
import { instrumentHandler } from './internal/instrument-handler';
import { measureSafely } from './internal/measure-safely';
import { messagingAttributes } from './internal/messaging-attributes';
import { runInPublishScope } from './internal/publish-scope';
import { traceContextOf, withTraceContext } from './internal/with-trace-context';

/**
 * Returns `bus` with metrics and spans attached: an object of the same type (a proxy: `instanceof`, `in`
 * and every other member reach `bus`) that routes, resolves and rejects exactly as `bus` does.
 *
 * - `publish` runs in a `publish:<type>` producer span (child of the current handler's or `traced`
 *   span, else of the message's traceparent) and reports `messagePublished`. A message without a
 *   traceparent published while a message context is active is published as a frozen copy carrying the
 *   publish span's `traceId` and `traceparent` (the current context's, without a tracer); outside any
 *   context the message is published unchanged and its handlers in this process are still children of
 *   the publish span.
 * - Each handler call (`subscribe`, and so `deliverTo` and redrive) runs in a `handle_command:<type>` or
 *   `process_event:<type>` consumer span, child of the message's traceparent, inside core's
 *   `runInMessageContext` with the span's trace ids (so the messages it creates are its children), and
 *   reports `messageHandled`. With a retry policy, each attempt is one call.
 * - Dead letters happen inside the bus, out of a wrapper's sight: a bus that offers `observe(hooks)` (the
 *   in-memory buses do) is given a `metrics` object with `deadLettered` alone, in place of the metrics it
 *   was built with, so it reports `deadLettered` and nothing the wrapper already counts.
 *
 * Instrumenting is the one path: build the bus without `metrics` and `tracer` and instrument it, or give
 * them to the bus and do not instrument it; both at once trace everything twice (and, on a bus without
 * `observe`, count it twice). Instrument a bus before subscribing: handlers subscribed on the bus itself
 * are not instrumented.
 *
 * @param hooks - Core's `Metrics` and `Tracer` (e.g. `PrometheusMetrics`, `JaegerTracer`); either may be left out.
 * @example
 * const bus = instrumentBus(new InMemoryMessageBus(), { metrics: new PrometheusMetrics(), tracer });
 * bus.subscribe(PlaceOrder, (command) => repository.handle(Order, command.data.orderId, (order) => order.place()));
 */
export function instrumentBus<B extends MessageBus>(bus: B, hooks: ObservabilityHooks = {}): B {
  const { metrics, tracer } = hooks;

  function subscribe(
    type: MessageFactory | string,
    handler: MessageHandler<never>,
    ...rest: [options?: SubscribeOptions]
  ): () => void {
    const handlerName = handlerNameOf(handler, rest[0]);
    const instrumented = handlerName === undefined ? handler : instrumentHandler(handler, handlerName, hooks);
    return bus.subscribe(type, instrumented as MessageHandler, ...rest);
  }

  function publish(message: Message): Promise<void> {
    if (typeof message !== 'object' || message === null) return bus.publish(message);
    const context = traceContextOf(currentMessageContext());
    const parent = context?.traceparent ?? message.traceparent;
    const options: SpanOptions = {
      kind: 'producer',
      attributes: messagingAttributes(message, 'send'),
      ...(parent === undefined ? {} : { parent }),
    };
    const record =
      metrics?.messagePublished === undefined
        ? undefined
        : (status: OperationStatus, durationMs: number): void =>
            metrics.messagePublished?.({ kind: message.kind, messageType: message.type, status, durationMs });
    return measureSafely(record, () =>
      traced(tracer, `publish:${message.type}`, options, (span) => {
        const outgoing = context === undefined ? message : withTraceContext(message, traceContextOf(span) ?? context);
        if (span === undefined || outgoing.traceparent !== undefined) return bus.publish(outgoing);
        return runInPublishScope(outgoing, span.traceparent, () => bus.publish(outgoing));
      }),
    );
  }

  if (metrics?.deadLettered !== undefined && isObservable(bus)) bus.observe({ metrics: deadLettersOnly(metrics) });
  return delegatingProxy(bus, { subscribe, publish });
}

/** A bus that takes hooks once built, as the in-memory buses do. */
interface ObservableBus {
  observe(hooks: ObservabilityHooks): unknown;
}

function isObservable(bus: MessageBus): bus is MessageBus & ObservableBus {
  return typeof (bus as Partial<ObservableBus>).observe === 'function';
}

/** `metrics` reduced to its `deadLettered` hook, which never throws into the bus. */
function deadLettersOnly(metrics: Metrics): Metrics {
  return {
    deadLettered(sample) {
      try {
        metrics.deadLettered?.(sample);
      } catch {
        // Metrics hooks must not throw; one that does is not the publisher's failure.
      }
    },
  };
}
