// The instrument path with the real OpenTelemetry SDK: a bus, a store, a repository and a projection runner
// instrumented with one JaegerTracer build one span tree per command, each span a child of the one that
// caused it (framework-trace.test.ts checks the same components given the tracer in their options).
import { AggregateRepository, defineProjection, ProjectionRunner } from '@orchestrix/core';
import { InMemoryCheckpointStore, InMemoryEventStore, InMemoryMessageBus } from '@orchestrix/memory';
import {
  instrumentBus,
  instrumentEventStore,
  instrumentProjectionRunner,
  instrumentRepository,
  type JaegerTracer,
} from '@orchestrix/observability';
import { describe, expect, it } from 'vitest';
import { type InMemoryTracing, inMemoryTracing, parentIdOf } from './support/in-memory-tracing';
import { Order, PlaceOrder } from './support/order';

/** An order service built plain and instrumented with `tracer`: a command handler and a projection. */
function instrumentedOrderService(tracer: JaegerTracer) {
  // Spans only under a parent: the runner's polling reads would otherwise be root spans of their own traces.
  const store = instrumentEventStore(new InMemoryEventStore(), { tracer, requireParentSpan: true });
  const bus = instrumentBus(new InMemoryMessageBus(), { tracer });
  const repository = instrumentRepository(new AggregateRepository({ eventStore: store, bus }), { tracer });
  bus.subscribe(PlaceOrder, (command) =>
    repository.handle(Order, command.data.orderId, (order) => order.place(command.data.orderId, 10), { create: true }),
  );
  const projection = defineProjection({ name: 'order_totals', handlers: { OrderPlaced: () => undefined } });
  const runner = instrumentProjectionRunner(
    new ProjectionRunner({ source: store, checkpoints: new InMemoryCheckpointStore(), projections: [projection] }),
    { tracer },
  );
  return { bus, runner };
}

/** The span id of the one ended span called `name`. */
function idOf(tracing: InMemoryTracing, name: string): string {
  return tracing.spanNamed(name).spanContext().spanId;
}

/** The name of the parent of the one ended span called `name`, or `undefined` for a root span. */
function parentNameOf(tracing: InMemoryTracing, name: string): string | undefined {
  const parentId = parentIdOf(tracing.spanNamed(name));
  if (parentId === undefined) return undefined;
  return tracing.spans().find((span) => span.spanContext().spanId === parentId)?.name ?? `unknown span ${parentId}`;
}

describe('instrumented components with the OpenTelemetry SDK', () => {
  it('builds one trace whose every span is a child of the one that caused it, under the publish span', async () => {
    const tracing = inMemoryTracing();
    const { bus, runner } = instrumentedOrderService(tracing.tracer);

    await bus.publish(PlaceOrder({ orderId: 'order-1', totalAmount: 10 }));
    await runner.runUntilCaughtUp();

    const tree = Object.fromEntries(tracing.spans().map((span) => [span.name, parentNameOf(tracing, span.name)]));
    expect(tree).toStrictEqual({
      'publish:PlaceOrder': undefined,
      'handle_command:PlaceOrder': 'publish:PlaceOrder',
      'load_aggregate:Order': 'handle_command:PlaceOrder',
      'event_store.load': 'load_aggregate:Order',
      'save_aggregate:Order': 'handle_command:PlaceOrder',
      'event_store.save': 'save_aggregate:Order',
      'publish:OrderPlaced': 'handle_command:PlaceOrder',
      'process_event:OrderPlaced': 'handle_command:PlaceOrder',
    });
    expect(new Set(tracing.spans().map((span) => span.spanContext().traceId)).size).toBe(1);
  });

  it('parents the command handler on the request span a command created under it carries', async () => {
    const tracing = inMemoryTracing();
    const { bus, runner } = instrumentedOrderService(tracing.tracer);

    await tracing.tracer.span('POST /orders', {}, () =>
      bus.publish(PlaceOrder({ orderId: 'order-1', totalAmount: 10 })),
    );
    await runner.runUntilCaughtUp();

    const request = idOf(tracing, 'POST /orders');
    expect(parentIdOf(tracing.spanNamed('publish:PlaceOrder'))).toBe(request);
    expect(parentIdOf(tracing.spanNamed('handle_command:PlaceOrder'))).toBe(request);
    expect(parentIdOf(tracing.spanNamed('event_store.save'))).toBe(idOf(tracing, 'save_aggregate:Order'));
    expect(parentIdOf(tracing.spanNamed('process_event:OrderPlaced'))).toBe(idOf(tracing, 'handle_command:PlaceOrder'));
  });
});
