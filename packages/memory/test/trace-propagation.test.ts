// One trace across a command's whole flow: the bus's handler span, the repository's load and save spans
// under it, the stored events carrying the handler's trace, and the projection's delivery spans as their
// children — later, from the store, as another process would see them (SPEC §10).
import {
  AggregateRepository,
  defineCommand,
  defineProjection,
  defineReactor,
  type Message,
  ProjectionRunner,
  payload,
  runInMessageContext,
  traced,
} from '@orchestrix/core';
import { InMemoryCheckpointStore, InMemoryEventStore, InMemoryMessageBus } from '@orchestrix/memory';
import { RecordingTracer } from '@orchestrix/testing';
import { describe, expect, it } from 'vitest';
import { Order, OrderPlaced } from './fixtures/order';

const PlaceOrder = defineCommand('PlaceOrder', payload<{ orderId: string }>());
const HTTP_REQUEST = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

function parentOf(tracer: RecordingTracer, name: string): string | undefined {
  return tracer.spans.find((span) => span.name === name)?.options?.parent;
}

function traceparentOf(tracer: RecordingTracer, name: string): string | undefined {
  return tracer.spans.find((span) => span.name === name)?.traceparent;
}

describe('trace propagation', () => {
  it('nests load and save under the command handler and stores its trace in the events', async () => {
    const tracer = new RecordingTracer();
    const store = new InMemoryEventStore();
    const bus = new InMemoryMessageBus({ tracer });
    const repository = new AggregateRepository({ eventStore: store, tracer });
    bus.subscribe(PlaceOrder, (command) =>
      repository.handle(Order, command.data.orderId, (order) => order.place(command.data.orderId, 10), {
        create: true,
      }),
    );

    await bus.publish(PlaceOrder({ orderId: 'order-1' }, { traceparent: HTTP_REQUEST }));

    const handler = traceparentOf(tracer, 'handle_command:PlaceOrder');
    expect(parentOf(tracer, 'handle_command:PlaceOrder')).toBe(HTTP_REQUEST);
    expect(parentOf(tracer, 'load_aggregate:Order')).toBe(handler);
    expect(parentOf(tracer, 'save_aggregate:Order')).toBe(handler);
    expect(tracer.spans.every((span) => span.ended)).toBe(true);
    const [stored] = await store.load('order-1');
    expect(stored?.traceparent).toBe(handler);
  });

  it('makes each projection delivery a child of the span that stored the event, and passes its trace on', async () => {
    const tracer = new RecordingTracer();
    const store = new InMemoryEventStore();
    const stored = '00-4bf92f3577b34da6a3ce929d0e0e4736-00000000000000aa-01';
    await store.save('order-1', [OrderPlaced({ orderId: 'order-1', totalAmount: 10 }, { traceparent: stored })]);
    const created: Message[] = [];
    const mails = defineReactor({
      name: 'mails',
      handlers: { OrderPlaced: () => created.push(PlaceOrder({ orderId: 'follow-up' })) },
    });
    const runner = new ProjectionRunner({
      source: store,
      checkpoints: new InMemoryCheckpointStore(),
      projections: [mails],
      tracer,
    });

    await runner.runUntilCaughtUp();

    expect(tracer.spans).toMatchObject([
      {
        name: 'process_event:OrderPlaced',
        options: {
          kind: 'consumer',
          parent: stored,
          attributes: { 'messaging.system': 'orchestrix', 'messaging.consumer.group.name': 'mails' },
        },
        ended: true,
      },
    ]);
    expect(created[0]?.traceparent).toBe(tracer.spans[0]?.traceparent);
  });

  it('records a failed delivery on its span', async () => {
    const tracer = new RecordingTracer();
    const store = new InMemoryEventStore();
    await store.save('order-1', [OrderPlaced({ orderId: 'order-1', totalAmount: 10 })]);
    const failure = new Error('read model down');
    const projection = defineProjection({
      name: 'orders',
      handlers: {
        OrderPlaced: () => {
          throw failure;
        },
      },
    });
    const runner = new ProjectionRunner({
      source: store,
      checkpoints: new InMemoryCheckpointStore(),
      projections: [projection],
      tracer,
    });

    await runner.runUntilCaughtUp();

    expect(tracer.spans[0]).toMatchObject({ name: 'process_event:OrderPlaced', errors: [failure], ended: true });
  });

  it('runs the work of traced() even when the tracer throws, and without a tracer', async () => {
    const broken = {
      startSpan: () => {
        throw new Error('exporter bug');
      },
    };
    expect(await traced(broken, 'work', {}, async () => 'done')).toBe('done');
    expect(await traced(undefined, 'work', {}, async (span) => span)).toBeUndefined();
    const parent = PlaceOrder({ orderId: 'order-1' }, { traceparent: HTTP_REQUEST });
    const tracer = new RecordingTracer();
    await runInMessageContext(parent, () => traced(tracer, 'child', {}, async () => undefined));
    expect(tracer.spans[0]?.options?.parent).toBe(HTTP_REQUEST);
  });

  it('attaches hooks to a built repository and runner through observe', async () => {
    const tracer = new RecordingTracer();
    const store = new InMemoryEventStore();
    const repository = new AggregateRepository({ eventStore: store }).observe({ tracer });
    const order = new Order();
    order.place('order-1', 10);
    await repository.save(order);
    const runner = new ProjectionRunner({
      source: store,
      checkpoints: new InMemoryCheckpointStore(),
      projections: [defineProjection({ name: 'orders', handlers: { OrderPlaced: () => undefined } })],
    });
    expect(runner.observe({ tracer })).toBe(runner);

    await runner.runUntilCaughtUp();

    expect(tracer.spans.map((span) => span.name)).toEqual(['save_aggregate:Order', 'process_event:OrderPlaced']);
  });

  it('opens store spans from the store’s own tracer option inside a traced flow, and none outside', async () => {
    const tracer = new RecordingTracer();
    const store = new InMemoryEventStore({ tracer });
    await store.save('order-0', [OrderPlaced({ orderId: 'order-0', totalAmount: 5 })]);
    expect(tracer.spans).toEqual([]);

    const command = PlaceOrder({ orderId: 'order-1' }, { traceparent: HTTP_REQUEST });
    await runInMessageContext(command, () =>
      store.save('order-1', [OrderPlaced({ orderId: 'order-1', totalAmount: 10 })]),
    );

    expect(tracer.spans).toMatchObject([
      {
        name: 'event_store.save',
        options: { kind: 'client', parent: HTTP_REQUEST, attributes: { 'db.operation.name': 'save' } },
        ended: true,
      },
    ]);
  });
});
