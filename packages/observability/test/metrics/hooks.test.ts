import type { Metrics } from '@orchestrix/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { MetricConfig } from '../../src/metrics/metric-config';
import { PrometheusMetrics } from '../../src/metrics/prometheus-metrics';
import { type ExposedFamily, sampleValue } from './support/parse-exposition';
import { countSeries, scrape } from './support/scrape';

type HookName = keyof Metrics;

const HOOKS: readonly HookName[] = [
  'messageHandled',
  'messagePublished',
  'deadLettered',
  'aggregateLoaded',
  'commandHandled',
  'sagaStarted',
  'sagaStepFinished',
  'sagaCompensated',
  'sagaFinished',
  'projectionUpdated',
  'projectionLag',
  'storageOperation',
];

let metrics: PrometheusMetrics;
let families: Map<string, ExposedFamily>;

function seriesValue(name: string, labels: Record<string, string> = {}): number | undefined {
  return sampleValue(families, `orchestrix_core_${name}`, labels);
}

beforeEach(() => {
  metrics = new PrometheusMetrics(new MetricConfig({ enableSummaryMetrics: false }));
});

describe('PrometheusMetrics hooks', () => {
  it('implements every hook of core’s Metrics interface', () => {
    const hooks: Metrics = metrics;

    expect(HOOKS.filter((hook) => typeof hooks[hook] !== 'function')).toEqual([]);
  });

  it.each(HOOKS)('%s never throws, and drops a sample without type names', async (hook) => {
    const call = metrics[hook] as (sample: unknown) => void;

    for (const sample of [undefined, null, {}, { status: 42, durationMs: 'slow', behind: -1, messageType: '' }]) {
      expect(() => call(sample)).not.toThrow();
    }

    expect(await countSeries(metrics.getPrometheusRegistry())).toBe(0);
  });

  it('works detached from the instance, as a component may hold it', async () => {
    const { messagePublished } = metrics;

    messagePublished({ kind: 'event', messageType: 'OrderPlaced', status: 'success', durationMs: 3 });

    families = await scrape(metrics);
    expect(seriesValue('events_total', { event_type: 'OrderPlaced', status: 'success' })).toBe(1);
  });

  it('turns milliseconds into seconds', async () => {
    metrics.messagePublished({ kind: 'command', messageType: 'PlaceOrder', status: 'success', durationMs: 250 });
    metrics.sagaFinished({ sagaType: 'OrderSaga', status: 'completed', durationMs: 1500 });

    families = await scrape(metrics);
    expect(seriesValue('commands_latency_seconds_sum', { command_type: 'PlaceOrder' })).toBe(0.25);
    expect(seriesValue('saga_duration_seconds_sum', { saga_type: 'OrderSaga' })).toBe(1.5);
  });

  it('only ever writes success or error as a status', async () => {
    const sample = { kind: 'event', messageType: 'OrderPlaced', status: 'timeout', durationMs: 1 };

    metrics.messagePublished(sample as unknown as Parameters<PrometheusMetrics['messagePublished']>[0]);

    families = await scrape(metrics);
    expect(families.get('orchestrix_core_events_total')?.samples.map((found) => found.labels.status)).toEqual([
      'error',
    ]);
  });

  it('maps a saga’s terminal status onto success or error, keeping it as the outcome', async () => {
    metrics.sagaFinished({ sagaType: 'OrderSaga', status: 'completed', durationMs: 1 });
    metrics.sagaFinished({ sagaType: 'OrderSaga', status: 'compensated', durationMs: 1 });
    metrics.sagaFinished({ sagaType: 'OrderSaga', status: 'failed', durationMs: 1 });

    families = await scrape(metrics);
    expect(seriesValue('saga_executions_total', { status: 'success' })).toBe(1);
    expect(seriesValue('saga_executions_total', { status: 'error' })).toBe(2);
    expect(seriesValue('saga_outcomes_total', { outcome: 'compensated' })).toBe(1);
    expect(seriesValue('saga_outcomes_total', { outcome: 'failed' })).toBe(1);
  });

  it('counts a failed aggregate load as an error, not as a load', async () => {
    metrics.aggregateLoaded({ aggregateType: 'Order', status: 'error', durationMs: 2, eventCount: 0 });

    families = await scrape(metrics);
    expect(seriesValue('aggregates_loaded_total', { aggregate_type: 'Order' })).toBeUndefined();
    expect(seriesValue('aggregates_load_errors_total', { aggregate_type: 'Order' })).toBe(1);
    expect(seriesValue('aggregates_load_time_seconds_count', { aggregate_type: 'Order' })).toBe(1);
  });

  it('ignores a negative lag from a hook rather than writing it', async () => {
    metrics.projectionLag({ projection: 'order_totals', behind: 5 });
    metrics.projectionLag({ projection: 'order_totals', behind: -1 });

    families = await scrape(metrics);
    expect(seriesValue('projection_events_behind', { projection_name: 'order_totals' })).toBe(5);
  });
});
