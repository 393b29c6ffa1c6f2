import { AggregateRepository, defineProjection, FixedDelay, type MessageBus, ProjectionRunner } from '@orchestrix/core';
import {
  InMemoryAsyncMessageBus,
  InMemoryCheckpointStore,
  InMemoryDeadLetterQueue,
  InMemoryEventStore,
  InMemoryMessageBus,
  type InMemoryMessageBusOptions,
  InMemorySagaStateStore,
} from '@orchestrix/memory';
import { Saga, SagaStep } from '@orchestrix/saga';
import { FakeClock } from '@orchestrix/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { MetricConfig } from '../../src/metrics/metric-config';
import { PrometheusMetrics } from '../../src/metrics/prometheus-metrics';
import { Order, OrderPlaced, PlaceOrder, ShipOrder } from './support/order';
import type { ExposedFamily } from './support/parse-exposition';
import { sampleValue } from './support/parse-exposition';
import { scrape } from './support/scrape';

const BUSES: readonly [string, (options: InMemoryMessageBusOptions) => MessageBus][] = [
  ['InMemoryMessageBus', (options) => new InMemoryMessageBus(options)],
  ['InMemoryAsyncMessageBus', (options) => new InMemoryAsyncMessageBus(options)],
];

let metrics: PrometheusMetrics;
let families: Map<string, ExposedFamily>;

/** The value of `orchestrix_core_<name>` with these labels, in the last scrape. */
function seriesValue(name: string, labels: Record<string, string> = {}): number | undefined {
  return sampleValue(families, `orchestrix_core_${name}`, labels);
}

beforeEach(() => {
  metrics = new PrometheusMetrics(new MetricConfig({ enableSummaryMetrics: false }));
});

describe.each(BUSES)('PrometheusMetrics as the metrics of an %s, a store and a repository', (_name, createBus) => {
  it('counts a command once, the event the repository publishes once, and each handler and store call', async () => {
    const store = new InMemoryEventStore({ metrics });
    const bus = createBus({ metrics });
    const repository = new AggregateRepository({ eventStore: store, bus, metrics });
    bus.subscribe(
      PlaceOrder,
      (command) =>
        repository.handle(Order, command.data.orderId, (order) => order.place(command.data.orderId, 99), {
          create: true,
        }),
      { name: 'place-order' },
    );
    bus.subscribe(OrderPlaced, () => undefined, { name: 'mailer' });

    await bus.publish(PlaceOrder({ orderId: 'order-1', totalAmount: 99 }));

    families = await scrape(metrics);
    expect(seriesValue('commands_total', { command_type: 'PlaceOrder', status: 'success' })).toBe(1);
    expect(seriesValue('commands_latency_seconds_count', { command_type: 'PlaceOrder' })).toBe(1);
    expect(seriesValue('events_total', { event_type: 'OrderPlaced', status: 'success' })).toBe(1);
    expect(seriesValue('events_processing_seconds_count', { event_type: 'OrderPlaced' })).toBe(1);
    expect(seriesValue('handler_attempts_total', { handler_name: 'place-order', status: 'success' })).toBe(1);
    expect(seriesValue('handler_attempts_total', { handler_name: 'mailer', status: 'success' })).toBe(1);
    expect(seriesValue('repository_commands_total', { aggregate_type: 'Order', status: 'success' })).toBe(1);
    expect(seriesValue('repository_command_retries_total', { aggregate_type: 'Order' })).toBe(0);
    expect(seriesValue('aggregates_loaded_total', { aggregate_type: 'Order' })).toBe(1);
    expect(seriesValue('aggregates_load_time_seconds_count', { aggregate_type: 'Order' })).toBe(1);
    expect(seriesValue('storage_operations_total', { operation_type: 'load', status: 'success' })).toBe(1);
    expect(seriesValue('storage_operations_total', { operation_type: 'save', status: 'success' })).toBe(1);
    expect(families.get('orchestrix_core_events_total')?.samples).toHaveLength(1);
  });

  it('counts a command whose handler fails, and one without a handler, as errors', async () => {
    const store = new InMemoryEventStore({ metrics });
    const bus = createBus({ metrics });
    const repository = new AggregateRepository({ eventStore: store, bus, metrics });
    bus.subscribe(ShipOrder, (command) => repository.handle(Order, command.data.orderId, (order) => order.ship()), {
      name: 'ship-order',
    });

    await expect(bus.publish(ShipOrder({ orderId: 'order-404' }))).rejects.toMatchObject({ code: 'HANDLER' });
    await expect(bus.publish(PlaceOrder({ orderId: 'order-1', totalAmount: 1 }))).rejects.toMatchObject({
      code: 'NO_HANDLER',
    });

    families = await scrape(metrics);
    expect(seriesValue('commands_total', { command_type: 'ShipOrder', status: 'error' })).toBe(1);
    expect(seriesValue('commands_total', { command_type: 'PlaceOrder', status: 'error' })).toBe(1);
    expect(seriesValue('handler_attempts_total', { handler_name: 'ship-order', status: 'error' })).toBe(1);
    expect(seriesValue('repository_commands_total', { aggregate_type: 'Order', status: 'error' })).toBe(1);
  });

  it('counts every attempt of a failing event handler and its dead letter; the publish itself succeeds', async () => {
    const bus = createBus({
      metrics,
      retry: new FixedDelay({ maxRetries: 2, delayMs: 0 }),
      deadLetterQueue: new InMemoryDeadLetterQueue(),
      clock: new FakeClock(),
    });
    bus.subscribe(OrderPlaced, () => Promise.reject(new Error('smtp down')), { name: 'mailer' });

    await bus.publish(OrderPlaced({ orderId: 'order-1', totalAmount: 5 }));

    families = await scrape(metrics);
    expect(seriesValue('handler_attempts_total', { handler_name: 'mailer', status: 'error' })).toBe(3);
    expect(seriesValue('dead_letters_total', { message_type: 'OrderPlaced', handler_name: 'mailer' })).toBe(1);
    expect(seriesValue('events_total', { event_type: 'OrderPlaced', status: 'success' })).toBe(1);
  });
});

describe('PrometheusMetrics as the metrics of an AggregateRepository', () => {
  it('counts a concurrency conflict as a retry of the same command, not a second command', async () => {
    const repository = new AggregateRepository({ eventStore: new InMemoryEventStore(), metrics });
    await repository.handle(Order, 'order-1', (order) => order.place('order-1', 1), { create: true });

    await Promise.all([
      repository.handle(Order, 'order-1', (order) => order.place('order-1', 2)),
      repository.handle(Order, 'order-1', (order) => order.place('order-1', 3)),
    ]);

    families = await scrape(metrics);
    expect(seriesValue('repository_commands_total', { aggregate_type: 'Order', status: 'success' })).toBe(3);
    expect(seriesValue('repository_command_retries_total', { aggregate_type: 'Order' })).toBe(1);
    expect(seriesValue('aggregates_loaded_total', { aggregate_type: 'Order' })).toBe(4);
  });

  it('records how many events each load replays', async () => {
    const repository = new AggregateRepository({ eventStore: new InMemoryEventStore(), metrics });
    await repository.handle(Order, 'order-1', (order) => order.place('order-1', 1), { create: true });
    await repository.handle(Order, 'order-1', (order) => order.place('order-1', 2));

    await repository.load(Order, 'order-1');

    families = await scrape(metrics);
    expect(seriesValue('aggregates_load_events_count', { aggregate_type: 'Order' })).toBe(3);
    expect(seriesValue('aggregates_load_events_sum', { aggregate_type: 'Order' })).toBe(0 + 1 + 2);
  });
});

describe('PrometheusMetrics as the metrics of an InMemoryEventStore', () => {
  it('labels each store operation by its name', async () => {
    const store = new InMemoryEventStore({ metrics });

    await store.save('order-1', [OrderPlaced({ orderId: 'order-1', totalAmount: 1 })], 0);
    await store.save('order-1', [OrderPlaced({ orderId: 'order-1', totalAmount: 1 })], 0).catch(() => undefined);
    await store.load('order-1');
    await store.readAll({ after: 0n, limit: 10 });
    await store.streamVersion('order-1');

    families = await scrape(metrics);
    expect(seriesValue('storage_operations_total', { operation_type: 'save', status: 'success' })).toBe(1);
    expect(seriesValue('storage_operations_total', { operation_type: 'save', status: 'error' })).toBe(1);
    for (const operation of ['load', 'read_all', 'stream_version']) {
      expect(seriesValue('storage_operations_total', { operation_type: operation, status: 'success' })).toBe(1);
      expect(seriesValue('storage_operation_seconds_count', { operation_type: operation })).toBe(1);
    }
  });
});

describe('PrometheusMetrics as the metrics of a ProjectionRunner', () => {
  async function storeWithOrders(count: number): Promise<InMemoryEventStore> {
    const store = new InMemoryEventStore();
    for (let index = 1; index <= count; index += 1) {
      await store.save(`order-${index}`, [OrderPlaced({ orderId: `order-${index}`, totalAmount: index })], 0);
    }
    return store;
  }

  it('times batches, counts processed events, and reports health, errors and lag per projection', async () => {
    const source = await storeWithOrders(3);
    const totals = defineProjection({ name: 'order_totals', handlers: { OrderPlaced: () => undefined } });
    const broken = defineProjection({
      name: 'broken_view',
      handlers: {
        OrderPlaced: () => {
          throw new Error('bad read model');
        },
      },
    });
    const runner = new ProjectionRunner({
      source,
      checkpoints: new InMemoryCheckpointStore(),
      projections: [totals, broken],
      clock: new FakeClock(),
      metrics,
    });

    await runner.runUntilCaughtUp().catch(() => undefined);
    await runner.lag('order_totals');
    await runner.lag('broken_view');

    families = await scrape(metrics);
    expect(seriesValue('projection_update_seconds_count', { projection_name: 'order_totals' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(seriesValue('projection_events_processed_total', { projection_name: 'order_totals' })).toBe(3);
    expect(seriesValue('projection_healthy', { projection_name: 'order_totals' })).toBe(1);
    expect(seriesValue('projection_events_behind', { projection_name: 'order_totals' })).toBe(0);
    expect(seriesValue('projection_healthy', { projection_name: 'broken_view' })).toBe(0);
    expect(seriesValue('projection_errors_total', { projection_name: 'broken_view' })).toBe(1);
    expect(seriesValue('projection_events_behind', { projection_name: 'broken_view' })).toBe(3);
  });

  it('counts an event a projection dead-letters under the projection name', async () => {
    const source = await storeWithOrders(2);
    const mailer = defineProjection({
      name: 'mailer_view',
      handlers: {
        OrderPlaced: (event) => {
          if (event.streamId === 'order-2') throw new Error('cannot render');
        },
      },
      deadLetter: true,
    });
    const runner = new ProjectionRunner({
      source,
      checkpoints: new InMemoryCheckpointStore(),
      projections: [mailer],
      deadLetterQueue: new InMemoryDeadLetterQueue(),
      clock: new FakeClock(),
      metrics,
    });

    await runner.runUntilCaughtUp();

    families = await scrape(metrics);
    expect(seriesValue('dead_letters_total', { message_type: 'OrderPlaced', handler_name: 'mailer_view' })).toBe(1);
    expect(seriesValue('projection_healthy', { projection_name: 'mailer_view' })).toBe(1);
  });
});

describe('PrometheusMetrics as the metrics of a Saga', () => {
  let clock: FakeClock;

  beforeEach(() => {
    clock = new FakeClock();
  });

  function sagaOf(steps: SagaStep[]): Saga {
    return new Saga({
      sagaType: 'OrderSaga',
      steps,
      stateStore: new InMemorySagaStateStore({ clock }),
      clock,
      metrics,
    });
  }

  it('counts a completed saga as a success, with its steps and duration', async () => {
    const saga = sagaOf([
      new SagaStep({ name: 'payment', action: () => 'paid' }),
      new SagaStep({ name: 'confirm', action: () => undefined }),
    ]);

    await saga.execute({ orderId: 'order-1' });

    families = await scrape(metrics);
    expect(seriesValue('saga_started_total', { saga_type: 'OrderSaga', resumed: 'false' })).toBe(1);
    expect(seriesValue('saga_executions_total', { saga_type: 'OrderSaga', status: 'success' })).toBe(1);
    expect(seriesValue('saga_outcomes_total', { saga_type: 'OrderSaga', outcome: 'completed' })).toBe(1);
    expect(seriesValue('saga_duration_seconds_count', { saga_type: 'OrderSaga' })).toBe(1);
    expect(seriesValue('saga_steps_total', { step_name: 'payment', status: 'success' })).toBe(1);
    expect(seriesValue('saga_steps_total', { step_name: 'confirm', status: 'success' })).toBe(1);
  });

  it('counts a compensated saga as an error, with the failed step and each compensation', async () => {
    const saga = sagaOf([
      new SagaStep({ name: 'payment', action: () => 'paid', compensation: () => undefined }),
      new SagaStep({
        name: 'inventory',
        action: () => {
          throw new Error('out of stock');
        },
      }),
    ]);

    await expect(saga.execute({ orderId: 'order-1' })).rejects.toMatchObject({ code: 'SAGA' });

    families = await scrape(metrics);
    expect(seriesValue('saga_executions_total', { saga_type: 'OrderSaga', status: 'error' })).toBe(1);
    expect(seriesValue('saga_outcomes_total', { outcome: 'compensated' })).toBe(1);
    expect(seriesValue('saga_steps_total', { step_name: 'inventory', status: 'error' })).toBe(1);
    expect(seriesValue('saga_compensations_total', { step_name: 'payment', status: 'success' })).toBe(1);
  });

  it('counts a saga whose compensation failed as failed: a person must look', async () => {
    const saga = sagaOf([
      new SagaStep({
        name: 'payment',
        action: () => 'paid',
        compensation: () => {
          throw new Error('refund refused');
        },
      }),
      new SagaStep({
        name: 'inventory',
        action: () => {
          throw new Error('out of stock');
        },
      }),
    ]);

    await expect(saga.execute({ orderId: 'order-1' })).rejects.toMatchObject({ code: 'SAGA' });

    families = await scrape(metrics);
    expect(seriesValue('saga_outcomes_total', { outcome: 'failed' })).toBe(1);
    expect(seriesValue('saga_compensations_total', { step_name: 'payment', status: 'error' })).toBe(1);
  });
});
