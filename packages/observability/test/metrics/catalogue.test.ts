import { Registry, register } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { MetricConfig } from '../../src/metrics/metric-config';
import { PrometheusMetrics } from '../../src/metrics/prometheus-metrics';
import { parseExposition, sampleValue } from './support/parse-exposition';
import { scrape } from './support/scrape';

/** The SPEC §10 catalogue: name after the prefix, type, label names. */
const SPEC_CATALOGUE = [
  ['events_total', 'counter', ['event_type', 'status']],
  ['events_processing_seconds', 'histogram', ['event_type']],
  ['commands_total', 'counter', ['command_type', 'status']],
  ['commands_latency_seconds', 'histogram', ['command_type']],
  ['aggregates_loaded_total', 'counter', ['aggregate_type']],
  ['aggregates_load_time_seconds', 'histogram', ['aggregate_type']],
  ['aggregates_in_memory', 'gauge', ['aggregate_type']],
  ['storage_operations_total', 'counter', ['operation_type', 'status']],
  ['storage_operation_seconds', 'histogram', ['operation_type']],
  ['projection_events_behind', 'gauge', ['projection_name']],
  ['projection_update_seconds', 'histogram', ['projection_name']],
  ['saga_executions_total', 'counter', ['saga_type', 'status']],
  ['saga_duration_seconds', 'histogram', ['saga_type']],
] as const;

const DURATIONS = SPEC_CATALOGUE.filter(([, type]) => type === 'histogram').map(([name]) => name);

/** Puts one sample in every SPEC metric, through the trackers. */
function recordOneOfEach(metrics: PrometheusMetrics): void {
  metrics.trackEventPublish('OrderCreated', () => undefined);
  metrics.trackCommandHandle('CreateOrder', () => undefined);
  metrics.trackAggregateLoad('Order', () => undefined);
  metrics.setAggregatesInMemory('Order', 3);
  metrics.trackStorageOperation('save', () => undefined);
  metrics.recordProjectionLag('order_totals', 4);
  metrics.trackProjectionUpdate('order_totals', () => undefined);
  metrics.trackSagaExecution('OrderSaga', () => undefined);
}

afterEach(() => {
  register.clear();
});

describe('PrometheusMetrics catalogue', () => {
  it('registers the thirteen SPEC metrics with HELP, TYPE and exactly their labels', async () => {
    const metrics = new PrometheusMetrics();
    recordOneOfEach(metrics);

    const families = await scrape(metrics);

    for (const [name, type, labels] of SPEC_CATALOGUE) {
      const family = families.get(`orchestrix_core_${name}`);
      expect(family?.type, name).toBe(type);
      expect(family?.help, name).toMatch(/\S/);
      const sample = family?.samples.find((candidate) => !candidate.name.endsWith('_bucket'));
      expect(Object.keys(sample?.labels ?? {}).sort(), name).toEqual([...labels].sort());
    }
  });

  it('names every metric <namespace>_<subsystem>_…', async () => {
    const metrics = new PrometheusMetrics(new MetricConfig({ namespace: 'shop', subsystem: 'orders' }));
    recordOneOfEach(metrics);

    const families = await scrape(metrics);

    expect([...families.keys()].every((name) => name.startsWith('shop_orders_'))).toBe(true);
    expect(sampleValue(families, 'shop_orders_events_total', { event_type: 'OrderCreated' })).toBe(1);
  });

  it('adds a summary with p50, p90, p95 and p99 next to each SPEC duration histogram by default', async () => {
    const metrics = new PrometheusMetrics();
    recordOneOfEach(metrics);

    const families = await scrape(metrics);

    for (const name of DURATIONS) {
      const summary = families.get(`orchestrix_core_${name.replace(/_seconds$/, '_quantiles_seconds')}`);
      expect(summary?.type, name).toBe('summary');
      const quantiles = summary?.samples.filter((sample) => sample.labels.quantile !== undefined);
      expect(
        quantiles?.map((sample) => sample.labels.quantile),
        name,
      ).toEqual(['0.5', '0.9', '0.95', '0.99']);
      expect(summary?.samples.find((sample) => sample.name.endsWith('_count'))?.value, name).toBe(1);
    }
  });

  it('registers no summary when enableSummaryMetrics is false, and the histograms still', async () => {
    const metrics = new PrometheusMetrics(new MetricConfig({ enableSummaryMetrics: false }));
    recordOneOfEach(metrics);

    const families = await scrape(metrics);

    expect([...families.values()].filter((family) => family.type === 'summary')).toEqual([]);
    for (const name of DURATIONS) expect(families.get(`orchestrix_core_${name}`)?.type).toBe('histogram');
  });

  it('accepts the config options without a MetricConfig, validated the same way', () => {
    const metrics = new PrometheusMetrics({ namespace: 'shop' });

    expect(metrics.config).toBeInstanceOf(MetricConfig);
    expect(metrics.config.prefix).toBe('shop_core_');
    expect(() => new PrometheusMetrics({ namespace: 'my-shop' })).toThrow(
      expect.objectContaining({ field: 'namespace' }),
    );
  });

  it('registers in a new registry of its own, never in the global one, when none is given', async () => {
    const first = new PrometheusMetrics();
    const second = new PrometheusMetrics();
    first.trackEventPublish('OrderCreated', () => undefined);

    expect(first.getPrometheusRegistry()).not.toBe(register);
    expect(first.getPrometheusRegistry()).not.toBe(second.getPrometheusRegistry());
    expect(await register.getMetricsAsJSON()).toEqual([]);
    expect(sampleValue(await scrape(second), 'orchestrix_core_events_total')).toBeUndefined();
  });

  it("uses prom-client's global register when it is passed explicitly", async () => {
    const metrics = new PrometheusMetrics(new MetricConfig({ registry: register }));

    metrics.trackCommandHandle('CreateOrder', () => undefined);

    expect(metrics.getPrometheusRegistry()).toBe(register);
    const families = parseExposition(await register.metrics());
    expect(sampleValue(families, 'orchestrix_core_commands_total', { command_type: 'CreateOrder' })).toBe(1);
  });

  it('generates the text exposition of any registry, as a promise', async () => {
    const registry = new Registry();
    const metrics = new PrometheusMetrics(new MetricConfig({ registry }));
    metrics.trackEventPublish('OrderCreated', () => undefined);

    const exposition = PrometheusMetrics.generateExposition(registry);

    expect(exposition).toBeInstanceOf(Promise);
    expect(await exposition).toContain('orchestrix_core_events_total{event_type="OrderCreated",status="success"} 1');
    expect(await exposition).toContain('# TYPE orchestrix_core_events_processing_seconds histogram');
  });

  it('rejects generating the exposition of something that is not a registry', async () => {
    await expect(PrometheusMetrics.generateExposition({} as Registry)).rejects.toMatchObject({
      code: 'VALIDATION',
      field: 'registry',
    });
  });

  it('lists its histogram buckets from half a millisecond up to ten seconds for latencies', async () => {
    const metrics = new PrometheusMetrics();
    metrics.trackEventPublish('OrderCreated', () => undefined);

    const families = await scrape(metrics);

    const bounds = families
      .get('orchestrix_core_events_processing_seconds')
      ?.samples.filter((sample) => sample.name.endsWith('_bucket'))
      .map((sample) => sample.labels.le);
    expect(bounds).toEqual([
      '0.0005',
      '0.001',
      '0.0025',
      '0.005',
      '0.01',
      '0.025',
      '0.05',
      '0.1',
      '0.25',
      '0.5',
      '1',
      '2.5',
      '5',
      '10',
      '+Inf',
    ]);
  });
});
