import { Registry } from 'prom-client';
import { PrometheusMetrics } from '../../../src/metrics/prometheus-metrics';

/**
 * The series names that a {@link PrometheusMetrics} with the default config exposes, read from a fresh
 * registry: a counter or gauge by its name, a histogram by `_bucket`, `_sum` and `_count`, a summary by its
 * name (the quantiles), `_sum` and `_count`.
 */
export async function registeredSeriesNames(): Promise<Set<string>> {
  const metrics = new PrometheusMetrics({ registry: new Registry() });
  const families = await metrics.getPrometheusRegistry().getMetricsAsJSON();
  const names = new Set<string>();
  for (const { name, type } of families) {
    const kind = String(type);
    if (kind === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(name + suffix);
    else if (kind === 'summary') for (const suffix of ['', '_sum', '_count']) names.add(name + suffix);
    else names.add(name);
  }
  return names;
}
