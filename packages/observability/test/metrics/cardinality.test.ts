import { AggregateRepository, defineProjection, ProjectionRunner } from '@orchestrix/core';
import {
  InMemoryCheckpointStore,
  InMemoryEventStore,
  InMemoryMessageBus,
  InMemorySagaStateStore,
} from '@orchestrix/memory';
import { Saga, SagaStep } from '@orchestrix/saga';
import { FakeClock } from '@orchestrix/testing';
import { describe, expect, it } from 'vitest';
import { PrometheusMetrics } from '../../src/metrics/prometheus-metrics';
import { Order, OrderPlaced, PlaceOrder } from './support/order';
import { countSeries, labelValues } from './support/scrape';

const LABELS = [
  'event_type',
  'command_type',
  'aggregate_type',
  'operation_type',
  'projection_name',
  'saga_type',
  'step_name',
  'message_type',
  'handler_name',
];

describe('PrometheusMetrics cardinality', () => {
  it('holds as many series after 10 000 distinct aggregate, stream and saga ids as after 10', async () => {
    const metrics = new PrometheusMetrics();
    const registry = metrics.getPrometheusRegistry();
    const clock = new FakeClock();
    const store = new InMemoryEventStore({ metrics });
    const bus = new InMemoryMessageBus({ metrics });
    const repository = new AggregateRepository({ eventStore: store, bus, metrics });
    const runner = new ProjectionRunner({
      source: store,
      checkpoints: new InMemoryCheckpointStore(),
      projections: [defineProjection({ name: 'order_totals', handlers: { OrderPlaced: () => undefined } })],
      clock,
      metrics,
    });
    const saga = (): Saga =>
      new Saga({
        sagaType: 'OrderSaga',
        steps: [new SagaStep({ name: 'payment', action: () => 'paid' })],
        stateStore: new InMemorySagaStateStore({ clock }),
        clock,
        metrics,
      });
    bus.subscribe(PlaceOrder, (command) =>
      repository.handle(Order, command.data.orderId, (order) => order.place(command.data.orderId, 1), { create: true }),
    );
    bus.subscribe(OrderPlaced, (event) => saga().execute({ orderId: event.data.orderId }));
    const placeOrders = async (from: number, to: number): Promise<void> => {
      for (let index = from; index <= to; index += 1) {
        await bus.publish(PlaceOrder({ orderId: `order-${index}`, totalAmount: 1 }));
      }
      await runner.runUntilCaughtUp();
      await runner.lag('order_totals');
    };

    await placeOrders(1, 10);
    const afterTen = await countSeries(registry);
    await placeOrders(11, 10_000);
    const afterTenThousand = await countSeries(registry);

    expect(afterTen).toBeGreaterThan(0);
    expect(afterTenThousand).toBe(afterTen);
    for (const label of LABELS) {
      const values = [...(await labelValues(registry, label))];
      expect(
        values.filter((value) => value.startsWith('order-')),
        label,
      ).toEqual([]);
    }
  }, 60_000);
});
