import {
  AggregateRepository,
  type CheckpointStore,
  defineReactor,
  type EventStore,
  type Message,
  ProjectionRunner,
  type SnapshotStore,
  type StoredEvent,
} from '@orchestrix/core';
import { InMemoryMessageBus } from '@orchestrix/memory';
import {
  instrumentBus,
  instrumentEventStore,
  instrumentProjectionRunner,
  instrumentRepository,
} from '@orchestrix/observability';
import { RecordingTracer, recordingMetrics } from '@orchestrix/testing';
import { HTTP_REQUEST, OrderPlaced, PlaceOrder } from './messages';
import { Order } from './order';

/** What one command's trace left behind. */
export interface TraceFlow {
  readonly tracer: RecordingTracer;
  /** The events as the second store read them back. */
  readonly stored: readonly StoredEvent[];
  /** What the projection's reactor created while handling the stored event. */
  readonly created: readonly Message[];
  /** The traceparent of the first span named `name`. */
  traceparentOf(name: string): string | undefined;
  /** The parent the first span named `name` was started with. */
  parentOf(name: string): string | undefined;
}

/**
 * Publishes a `PlaceOrder` command under an HTTP request's traceparent on an instrumented bus whose
 * handler runs an instrumented repository on `writer` (instrumented too), then runs an instrumented
 * projection runner over `reader` (another instance of the store, as another process would have), all
 * with one tracer.
 */
export async function runTraceFlow(
  writer: EventStore & SnapshotStore,
  reader: EventStore,
  checkpoints: CheckpointStore,
): Promise<TraceFlow> {
  const tracer = new RecordingTracer();
  const metrics = recordingMetrics();
  const eventStore = instrumentEventStore(writer, { tracer, metrics });
  const bus = instrumentBus(new InMemoryMessageBus(), { tracer, metrics });
  const repository = instrumentRepository(new AggregateRepository({ eventStore, snapshotStore: eventStore, bus }), {
    tracer,
    metrics,
  });
  bus.subscribe(PlaceOrder, (command) =>
    repository.handle(Order, command.data.orderId, (order) => order.place(command.data.orderId), { create: true }),
  );
  bus.subscribe(OrderPlaced, () => undefined, { name: 'send-confirmation' });
  const created: Message[] = [];
  const mails = defineReactor({
    name: 'mails',
    handlers: { OrderPlaced: () => created.push(PlaceOrder({ orderId: 'order-1-follow-up' })) },
  });
  const runner = instrumentProjectionRunner(
    new ProjectionRunner({ source: reader, checkpoints, projections: [mails] }),
    {
      tracer,
      metrics,
    },
  );

  await bus.publish(PlaceOrder({ orderId: 'order-1' }, { traceparent: HTTP_REQUEST }));
  await runner.runUntilCaughtUp();

  const spanNamed = (name: string) => tracer.spans.find((span) => span.name === name);
  return {
    tracer,
    stored: await reader.load('order-1'),
    created,
    traceparentOf: (name) => spanNamed(name)?.traceparent,
    parentOf: (name) => spanNamed(name)?.options?.parent,
  };
}
