import type { PrometheusMetrics } from '@orchestrix/observability';
import { type HistogramBucket, histogramQuantile } from './histogram-quantile';

/** What the metrics registry counted during the demo: the end of its printout. */
export interface MetricsSummary {
  /** Commands published on the buses (`commands_total`), and how many of them failed (`status="error"`). */
  readonly commands: { readonly handled: number; readonly failed: number };
  /** Events published on the buses (`events_total`): each stored event is published once. */
  readonly eventsPublished: number;
  /** Saves of the event store (`storage_operations_total{operation_type="save"}`) by outcome. */
  readonly saves: { readonly succeeded: number; readonly failed: number };
  /** `histogram_quantile(0.95)` over every command's latency buckets, in milliseconds; `null` without commands. */
  readonly p95CommandLatencyMs: number | null;
  /** Messages dead-lettered (`dead_letters_total`). */
  readonly deadLetters: number;
  /** Sagas by terminal outcome (`saga_outcomes_total`): `completed`, `compensated`, `failed`. */
  readonly sagaOutcomes: Readonly<Record<string, number>>;
}

type Labels = Readonly<Record<string, string | number>>;

interface Sample {
  readonly value: number;
  readonly labels: Labels;
  readonly metricName?: string;
}

/**
 * Reads the demo's figures from the registry of `metrics`, the way Prometheus would sum its series: by
 * metric name and labels, across every type label.
 *
 * @example const { commands } = await readMetricsSummary(metrics);
 */
export async function readMetricsSummary(metrics: PrometheusMetrics): Promise<MetricsSummary> {
  const registry = metrics.getPrometheusRegistry();
  const { prefix } = metrics.config;
  const samplesOf = async (name: string): Promise<readonly Sample[]> => {
    const metric = registry.getSingleMetric(prefix + name);
    return metric === undefined ? [] : ((await metric.get()).values as readonly Sample[]);
  };
  const sum = (samples: readonly Sample[], labels: Labels = {}): number =>
    samples
      .filter((sample) => Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
      .reduce((total, sample) => total + sample.value, 0);

  const commands = await samplesOf('commands_total');
  const saves = await samplesOf('storage_operations_total');
  const outcomes = await samplesOf('saga_outcomes_total');
  const latency = await samplesOf('commands_latency_seconds');
  const buckets = new Map<number, number>();
  for (const sample of latency.filter((sample) => sample.metricName === `${prefix}commands_latency_seconds_bucket`)) {
    const upperBound = sample.labels.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(sample.labels.le);
    buckets.set(upperBound, (buckets.get(upperBound) ?? 0) + sample.value);
  }
  const bucketList: HistogramBucket[] = [...buckets].map(([upperBound, count]) => ({ upperBound, count }));
  const p95Seconds = histogramQuantile(0.95, bucketList);
  return {
    commands: { handled: sum(commands), failed: sum(commands, { status: 'error' }) },
    eventsPublished: sum(await samplesOf('events_total')),
    saves: {
      succeeded: sum(saves, { operation_type: 'save', status: 'success' }),
      failed: sum(saves, { operation_type: 'save', status: 'error' }),
    },
    p95CommandLatencyMs: p95Seconds === undefined ? null : p95Seconds * 1000,
    deadLetters: sum(await samplesOf('dead_letters_total')),
    sagaOutcomes: Object.fromEntries(
      ['completed', 'compensated', 'failed'].map((outcome) => [outcome, sum(outcomes, { outcome })]),
    ),
  };
}
