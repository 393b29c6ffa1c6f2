import type { Registry, RegistryContentType } from 'prom-client';
import { PrometheusMetrics } from '../../../src/metrics/prometheus-metrics';
import { type ExposedFamily, parseExposition } from './parse-exposition';

/** Scrapes `metrics` as Prometheus would: its registry's text exposition, parsed. */
export async function scrape(metrics: PrometheusMetrics): Promise<Map<string, ExposedFamily>> {
  return parseExposition(await PrometheusMetrics.generateExposition(metrics.getPrometheusRegistry()));
}

/** How many series (label sets, histogram buckets and summary quantiles included) the registry holds. */
export async function countSeries(registry: Registry<RegistryContentType>): Promise<number> {
  const families = await registry.getMetricsAsJSON();
  return families.reduce((total, family) => total + family.values.length, 0);
}

/** The distinct label values of `label` across the registry's series. */
export async function labelValues(registry: Registry<RegistryContentType>, label: string): Promise<Set<string>> {
  const found = new Set<string>();
  for (const family of await registry.getMetricsAsJSON()) {
    for (const value of family.values) {
      const labelValue = (value.labels as Record<string, string | number | undefined>)[label];
      if (labelValue !== undefined) found.add(String(labelValue));
    }
  }
  return found;
}
