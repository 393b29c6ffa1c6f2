import { ValidationError } from '@orchestrix/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MetricConfig } from '../../src/metrics/metric-config';
import { PrometheusMetrics } from '../../src/metrics/prometheus-metrics';
import { sampleValue } from './support/parse-exposition';
import { scrape } from './support/scrape';

type Tracker =
  | 'trackEventPublish'
  | 'trackCommandHandle'
  | 'trackAggregateLoad'
  | 'trackStorageOperation'
  | 'trackProjectionUpdate'
  | 'trackSagaExecution';

/** Each tracker, the name it is given, its counter (with the labels of a success) and its histogram. */
const TRACKERS: readonly [Tracker, string, string, Record<string, string>, string][] = [
  [
    'trackEventPublish',
    'OrderCreated',
    'events_total',
    { event_type: 'OrderCreated', status: 'success' },
    'events_processing_seconds',
  ],
  [
    'trackCommandHandle',
    'CreateOrder',
    'commands_total',
    { command_type: 'CreateOrder', status: 'success' },
    'commands_latency_seconds',
  ],
  [
    'trackAggregateLoad',
    'Order',
    'aggregates_loaded_total',
    { aggregate_type: 'Order' },
    'aggregates_load_time_seconds',
  ],
  [
    'trackStorageOperation',
    'save',
    'storage_operations_total',
    { operation_type: 'save', status: 'success' },
    'storage_operation_seconds',
  ],
  ['trackProjectionUpdate', 'order_totals', 'projection_events_processed_total', {}, 'projection_update_seconds'],
  [
    'trackSagaExecution',
    'OrderSaga',
    'saga_executions_total',
    { saga_type: 'OrderSaga', status: 'success' },
    'saga_duration_seconds',
  ],
];

/** What each tracker counts a failure in. */
const FAILURE_COUNTERS: Record<Tracker, [string, Record<string, string>]> = {
  trackEventPublish: ['events_total', { event_type: 'OrderCreated', status: 'error' }],
  trackCommandHandle: ['commands_total', { command_type: 'CreateOrder', status: 'error' }],
  trackAggregateLoad: ['aggregates_load_errors_total', { aggregate_type: 'Order' }],
  trackStorageOperation: ['storage_operations_total', { operation_type: 'save', status: 'error' }],
  trackProjectionUpdate: ['projection_errors_total', { projection_name: 'order_totals' }],
  trackSagaExecution: ['saga_executions_total', { saga_type: 'OrderSaga', status: 'error' }],
};

let metrics: PrometheusMetrics;

beforeEach(() => {
  metrics = new PrometheusMetrics(new MetricConfig({ enableSummaryMetrics: false }));
  vi.useFakeTimers({ toFake: ['performance'] });
});

afterEach(() => {
  vi.useRealTimers();
});

/** Lets `ms` milliseconds pass on the faked `performance.now()`. */
function elapse(ms: number): void {
  vi.advanceTimersByTime(ms);
}

describe.each(TRACKERS)('PrometheusMetrics.%s', (tracker, name, counter, successLabels, histogram) => {
  const [failureCounter, failureLabels] = FAILURE_COUNTERS[tracker];

  it('returns what a sync function returns and counts a success with its duration', async () => {
    const result = metrics[tracker](name, () => {
      elapse(250);
      return 42;
    });

    const families = await scrape(metrics);
    expect(result).toBe(42);
    if (tracker !== 'trackProjectionUpdate')
      expect(sampleValue(families, `orchestrix_core_${counter}`, successLabels)).toBe(1);
    expect(sampleValue(families, `orchestrix_core_${histogram}_count`)).toBe(1);
    expect(sampleValue(families, `orchestrix_core_${histogram}_sum`)).toBe(0.25);
  });

  it('rethrows what a sync function throws, counted as an error and timed', async () => {
    const failure = new Error('store down');

    const thrown = (() => {
      try {
        metrics[tracker](name, () => {
          elapse(100);
          throw failure;
        });
      } catch (error) {
        return error;
      }
      return undefined;
    })();

    const families = await scrape(metrics);
    expect(thrown).toBe(failure);
    expect(sampleValue(families, `orchestrix_core_${failureCounter}`, failureLabels)).toBe(1);
    expect(sampleValue(families, `orchestrix_core_${histogram}_sum`)).toBe(0.1);
  });

  it('resolves to what an async function resolves to and counts it once it settled', async () => {
    let release: (value: string) => void = () => undefined;
    const pending = metrics[tracker](name, () => new Promise<string>((resolve) => (release = resolve)));

    const before = await scrape(metrics);
    elapse(500);
    release('done');

    expect(await pending).toBe('done');
    expect(sampleValue(before, `orchestrix_core_${histogram}_count`)).toBeUndefined();
    const after = await scrape(metrics);
    expect(sampleValue(after, `orchestrix_core_${histogram}_sum`)).toBe(0.5);
    if (tracker !== 'trackProjectionUpdate')
      expect(sampleValue(after, `orchestrix_core_${counter}`, successLabels)).toBe(1);
  });

  it('rejects with what an async function rejects with, counted as an error and timed', async () => {
    const failure = new Error('handler broke');

    const outcome = metrics[tracker](name, async () => {
      elapse(750);
      throw failure;
    });

    await expect(outcome).rejects.toBe(failure);
    const families = await scrape(metrics);
    expect(sampleValue(families, `orchestrix_core_${failureCounter}`, failureLabels)).toBe(1);
    expect(sampleValue(families, `orchestrix_core_${histogram}_sum`)).toBe(0.75);
  });

  it('rejects an empty name with a ValidationError and does not run the function', () => {
    const work = vi.fn();

    expect(() => metrics[tracker]('', work)).toThrow(ValidationError);
    expect(work).not.toHaveBeenCalled();
  });

  it('rejects a function that is not one with a ValidationError naming work', () => {
    expect(() => metrics[tracker](name, 'not a function' as unknown as () => void)).toThrow(
      expect.objectContaining({ code: 'VALIDATION', field: 'work' }),
    );
  });
});

describe('PrometheusMetrics trackers', () => {
  it('accumulate: five tracked publishes count five', async () => {
    for (let index = 0; index < 5; index += 1) metrics.trackEventPublish('OrderCreated', () => undefined);

    const families = await scrape(metrics);

    expect(
      sampleValue(families, 'orchestrix_core_events_total', { event_type: 'OrderCreated', status: 'success' }),
    ).toBe(5);
  });

  it('nest: a command that loads an aggregate and publishes an event counts each once', async () => {
    await metrics.trackCommandHandle('ShipOrder', async () => {
      await metrics.trackAggregateLoad('Order', async () => undefined);
      await metrics.trackEventPublish('OrderShipped', async () => undefined);
    });

    const families = await scrape(metrics);

    expect(sampleValue(families, 'orchestrix_core_commands_total', { command_type: 'ShipOrder' })).toBe(1);
    expect(sampleValue(families, 'orchestrix_core_aggregates_loaded_total', { aggregate_type: 'Order' })).toBe(1);
    expect(sampleValue(families, 'orchestrix_core_events_total', { event_type: 'OrderShipped' })).toBe(1);
  });

  it('mark a projection unhealthy when its update fails and healthy again when one succeeds', async () => {
    await metrics.trackProjectionUpdate('order_totals', () => Promise.reject(new Error('x'))).catch(() => undefined);
    const failed = await scrape(metrics);
    metrics.trackProjectionUpdate('order_totals', () => undefined);
    const recovered = await scrape(metrics);

    expect(sampleValue(failed, 'orchestrix_core_projection_healthy', { projection_name: 'order_totals' })).toBe(0);
    expect(sampleValue(recovered, 'orchestrix_core_projection_healthy', { projection_name: 'order_totals' })).toBe(1);
  });
});

describe('PrometheusMetrics tracker results', () => {
  it('keep the type of a sync result and of a promise', async () => {
    const count: number = metrics.trackStorageOperation('count_after', () => 3);
    const loaded: Promise<string> = metrics.trackAggregateLoad('Order', async () => 'order-1');

    expect(count).toBe(3);
    expect(await loaded).toBe('order-1');
  });

  it('turn a thenable into a promise of its value, measured once it settled', async () => {
    // biome-ignore lint/suspicious/noThenProperty: the test needs a thenable that is not a Promise.
    const thenable: PromiseLike<number> = { then: (resolve, reject) => Promise.resolve(7).then(resolve, reject) };

    const result: Promise<number> = metrics.trackStorageOperation('load', () => thenable);

    expect(result).toBeInstanceOf(Promise);
    expect(await result).toBe(7);
    const families = await scrape(metrics);
    expect(
      sampleValue(families, 'orchestrix_core_storage_operations_total', { operation_type: 'load', status: 'success' }),
    ).toBe(1);
  });
});

describe('PrometheusMetrics.recordProjectionLag', () => {
  it('sets projection_events_behind per projection, the latest value winning', async () => {
    metrics.recordProjectionLag('order_totals', 42);
    metrics.recordProjectionLag('order_totals', 7);
    metrics.recordProjectionLag('customer_list', 0);

    const families = await scrape(metrics);

    expect(sampleValue(families, 'orchestrix_core_projection_events_behind', { projection_name: 'order_totals' })).toBe(
      7,
    );
    expect(
      sampleValue(families, 'orchestrix_core_projection_events_behind', { projection_name: 'customer_list' }),
    ).toBe(0);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects %s events behind with a ValidationError', (behind) => {
    expect(() => metrics.recordProjectionLag('order_totals', behind)).toThrow(
      expect.objectContaining({ code: 'VALIDATION', field: 'behind' }),
    );
  });

  it('rejects an empty projection name', () => {
    expect(() => metrics.recordProjectionLag('', 1)).toThrow(
      expect.objectContaining({ code: 'VALIDATION', field: 'projectionName' }),
    );
  });
});

describe('PrometheusMetrics.setAggregatesInMemory', () => {
  it('sets aggregates_in_memory per aggregate type', async () => {
    metrics.setAggregatesInMemory('Order', 12);

    const families = await scrape(metrics);

    expect(sampleValue(families, 'orchestrix_core_aggregates_in_memory', { aggregate_type: 'Order' })).toBe(12);
  });

  it('rejects a negative count', () => {
    expect(() => metrics.setAggregatesInMemory('Order', -1)).toThrow(
      expect.objectContaining({ code: 'VALIDATION', field: 'count' }),
    );
  });
});
