import type { Metrics } from '@orchestrix/core';
import { MetricConfig, type MetricConfigOptions, PrometheusMetrics } from '@orchestrix/observability';
import { describe, expect, it } from 'vitest';

describe('@orchestrix/observability metrics exports', () => {
  it('exports MetricConfig and PrometheusMetrics, usable wherever core takes Metrics', () => {
    const options: MetricConfigOptions = { namespace: 'shop' };

    const metrics: Metrics = new PrometheusMetrics(new MetricConfig(options));

    expect(metrics).toBeInstanceOf(PrometheusMetrics);
  });
});
