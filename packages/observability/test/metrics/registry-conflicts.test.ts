import { OrchestrixError, ValidationError } from '@orchestrix/core';
import { Counter, Gauge, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { MetricConfig } from '../../src/metrics/metric-config';
import { PrometheusMetrics } from '../../src/metrics/prometheus-metrics';
import { sampleValue } from './support/parse-exposition';
import { scrape } from './support/scrape';

function failureOf(build: () => unknown): unknown {
  try {
    build();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('PrometheusMetrics on a registry that already holds metrics', () => {
  it('refuses a metric of the same name with another type, naming it, and registers nothing', async () => {
    const registry = new Registry();
    new Gauge({ name: 'orchestrix_core_commands_total', help: 'not ours', registers: [registry] });

    const error = failureOf(() => new PrometheusMetrics(new MetricConfig({ registry })));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toBeInstanceOf(OrchestrixError);
    expect(error).toMatchObject({ code: 'VALIDATION', field: 'registry', value: 'orchestrix_core_commands_total' });
    expect((await registry.getMetricsAsJSON()).map((family) => family.name)).toEqual([
      'orchestrix_core_commands_total',
    ]);
  });

  it('refuses a metric of the same name and type with other labels', () => {
    const registry = new Registry();
    new Counter({ name: 'orchestrix_core_events_total', help: 'x', labelNames: ['type'], registers: [registry] });

    const error = failureOf(() => new PrometheusMetrics(new MetricConfig({ registry })));

    expect(error).toMatchObject({ code: 'VALIDATION', field: 'registry', value: 'orchestrix_core_events_total' });
  });

  it('refuses a summary name taken by a metric of another type, and registers nothing', async () => {
    const registry = new Registry();
    new Gauge({ name: 'orchestrix_core_saga_duration_quantiles_seconds', help: 'x', registers: [registry] });

    const error = failureOf(() => new PrometheusMetrics(new MetricConfig({ registry })));

    expect(error).toMatchObject({ field: 'registry', value: 'orchestrix_core_saga_duration_quantiles_seconds' });
    expect(await registry.getMetricsAsJSON()).toHaveLength(1);
  });

  it('lets a namespace of its own sit next to a conflicting metric', () => {
    const registry = new Registry();
    new Gauge({ name: 'orchestrix_core_commands_total', help: 'not ours', registers: [registry] });

    const metrics = new PrometheusMetrics(new MetricConfig({ registry, namespace: 'shop' }));

    expect(metrics.getPrometheusRegistry()).toBe(registry);
  });

  it('reuses the metrics of another PrometheusMetrics on the same registry: both count into one series', async () => {
    const registry = new Registry();
    const first = new PrometheusMetrics(new MetricConfig({ registry }));
    const second = new PrometheusMetrics(new MetricConfig({ registry }));

    first.trackEventPublish('OrderCreated', () => undefined);
    second.trackEventPublish('OrderCreated', () => undefined);

    const families = await scrape(second);
    expect(sampleValue(families, 'orchestrix_core_events_total', { event_type: 'OrderCreated' })).toBe(2);
    expect(families.get('orchestrix_core_events_total')?.samples).toHaveLength(1);
  });

  it('reuses the histograms when the second instance turns summaries off, and adds them when it turns them on', async () => {
    const registry = new Registry();
    new PrometheusMetrics(new MetricConfig({ registry, enableSummaryMetrics: false }));

    const withSummaries = new PrometheusMetrics(new MetricConfig({ registry }));
    withSummaries.trackSagaExecution('OrderSaga', () => undefined);

    const families = await scrape(withSummaries);
    expect(sampleValue(families, 'orchestrix_core_saga_duration_seconds_count')).toBe(1);
    expect(sampleValue(families, 'orchestrix_core_saga_duration_quantiles_seconds_count')).toBe(1);
  });
});
