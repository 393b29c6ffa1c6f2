// The JaegerTracer as core's Tracer: a bus, the repository, the projection runner and a saga given it as
// `tracer` produce one OpenTelemetry trace per request, each span a child of the one that caused it.
import { AggregateRepository, defineProjection, ProjectionRunner } from '@orchestrix/core';
import {
  InMemoryCheckpointStore,
  InMemoryEventStore,
  InMemoryMessageBus,
  InMemorySagaStateStore,
} from '@orchestrix/memory';
import { Saga, SagaStep } from '@orchestrix/saga';
import { describe, expect, it } from 'vitest';
import { inMemoryTracing, parentIdOf } from './support/in-memory-tracing';
import { Order, PlaceOrder } from './support/order';

describe('JaegerTracer as the framework’s tracer', () => {
  it('traces a command from the request through load, save and the projection as one trace', async () => {
    const { tracer, spans, spanNamed } = inMemoryTracing();
    const store = new InMemoryEventStore();
    const bus = new InMemoryMessageBus({ tracer });
    const repository = new AggregateRepository({ eventStore: store, tracer });
    bus.subscribe(PlaceOrder, (command) =>
      repository.handle(Order, command.data.orderId, (order) => order.place(command.data.orderId, 10), {
        create: true,
      }),
    );
    const projected: string[] = [];
    const runner = new ProjectionRunner({
      source: store,
      checkpoints: new InMemoryCheckpointStore(),
      projections: [
        defineProjection({
          name: 'order_totals',
          handlers: { OrderPlaced: (event) => projected.push(event.streamId) },
        }),
      ],
      tracer,
    });

    await tracer.span('POST /orders', {}, () => bus.publish(PlaceOrder({ orderId: 'order-1', totalAmount: 10 })));
    await runner.runUntilCaughtUp();

    const request = spanNamed('POST /orders');
    const handler = spanNamed('handle_command:PlaceOrder');
    const idOf = (name: string): string => spanNamed(name).spanContext().spanId;
    expect(parentIdOf(handler)).toBe(idOf('POST /orders'));
    expect(parentIdOf(spanNamed('load_aggregate:Order'))).toBe(idOf('handle_command:PlaceOrder'));
    expect(parentIdOf(spanNamed('save_aggregate:Order'))).toBe(idOf('handle_command:PlaceOrder'));
    expect(parentIdOf(spanNamed('process_event:OrderPlaced'))).toBe(idOf('handle_command:PlaceOrder'));
    expect(new Set(spans().map((span) => span.spanContext().traceId))).toEqual(
      new Set([request.spanContext().traceId]),
    );
    expect(projected).toEqual(['order-1']);
  });

  it('makes a saga’s steps children of its execute_saga span, under the caller’s span', async () => {
    const { tracer, spanNamed } = inMemoryTracing();
    const saga = new Saga<{ orderId: string }>({
      sagaType: 'OrderSaga',
      steps: [new SagaStep({ name: 'payment', action: async () => 'paid' })],
      stateStore: new InMemorySagaStateStore(),
      tracer,
    });

    await tracer.span('POST /checkout', {}, () => saga.execute({ orderId: 'order-1' }));

    expect(parentIdOf(spanNamed('execute_saga:OrderSaga'))).toBe(spanNamed('POST /checkout').spanContext().spanId);
    expect(parentIdOf(spanNamed('saga_step:payment'))).toBe(spanNamed('execute_saga:OrderSaga').spanContext().spanId);
  });
});
