import { ValidationError } from '@orchestrix/core';
import { Counter, Gauge, Histogram, type Metric, type Registry, type RegistryContentType, Summary } from 'prom-client';
import { DurationInstrument } from './duration-instrument';

type InstrumentType = 'counter' | 'gauge' | 'histogram' | 'summary';

/** The quantiles of the summaries, over a sliding window of 10 minutes in 5 steps of 2 minutes. */
const SUMMARY_OPTIONS = { percentiles: [0.5, 0.9, 0.95, 0.99], maxAgeSeconds: 600, ageBuckets: 5 };

function sameLabels(found: unknown, wanted: readonly string[]): boolean {
  if (!Array.isArray(found) || found.length !== wanted.length) return false;
  const sorted = [...wanted].sort();
  return [...found].sort().every((label, index) => label === sorted[index]);
}

function describeLabels(labels: unknown): string {
  return Array.isArray(labels) && labels.length > 0 ? `labels ${labels.join(', ')}` : 'no labels';
}

/**
 * Builds the instruments of one {@link PrometheusMetrics}: it reuses a metric of the same name, type and
 * labels that the registry already holds (another PrometheusMetrics on the same registry), refuses one of
 * another type or labels, and registers nothing until {@link InstrumentFactory.register}, so a refusal
 * leaves the registry as it was.
 *
 * @internal Not part of the public API.
 */
export class InstrumentFactory {
  readonly #registry: Registry<RegistryContentType>;
  readonly #prefix: string;
  readonly #summaries: boolean;
  readonly #created: Metric[] = [];

  constructor(registry: Registry<RegistryContentType>, prefix: string, summaries: boolean) {
    this.#registry = registry;
    this.#prefix = prefix;
    this.#summaries = summaries;
  }

  /** A counter named `<prefix><suffix>`. @throws {@link ValidationError} (`registry`) on a conflicting metric. */
  counter<L extends string>(suffix: string, help: string, labelNames: readonly L[]): Counter<L> {
    const name = this.#prefix + suffix;
    return (
      this.#existing<Counter<L>>('counter', name, labelNames) ??
      this.#keep(new Counter({ name, help, labelNames, registers: [] }))
    );
  }

  /** A gauge named `<prefix><suffix>`. @throws {@link ValidationError} (`registry`) on a conflicting metric. */
  gauge<L extends string>(suffix: string, help: string, labelNames: readonly L[]): Gauge<L> {
    const name = this.#prefix + suffix;
    return (
      this.#existing<Gauge<L>>('gauge', name, labelNames) ??
      this.#keep(new Gauge({ name, help, labelNames, registers: [] }))
    );
  }

  /** A histogram named `<prefix><suffix>`. @throws {@link ValidationError} (`registry`) on a conflicting metric. */
  histogram<L extends string>(
    suffix: string,
    help: string,
    labelNames: readonly L[],
    buckets: readonly number[],
  ): Histogram<L> {
    const name = this.#prefix + suffix;
    return (
      this.#existing<Histogram<L>>('histogram', name, labelNames) ??
      this.#keep(new Histogram({ name, help, labelNames, buckets: [...buckets], registers: [] }))
    );
  }

  /**
   * A duration histogram named `<prefix><suffix>` (ending in `_seconds`) and, when summaries are enabled,
   * the summary `<prefix><suffix without _seconds>_quantiles_seconds` observed with it.
   */
  duration<L extends string>(
    suffix: string,
    help: string,
    labelNames: readonly L[],
    buckets: readonly number[],
  ): DurationInstrument<L> {
    const histogram = this.histogram(suffix, help, labelNames, buckets);
    if (!this.#summaries) return new DurationInstrument(histogram, undefined);
    const name = this.#prefix + suffix.replace(/_seconds$/, '_quantiles_seconds');
    const summaryHelp = `${help} Quantiles over the last 10 minutes.`;
    const summary =
      this.#existing<Summary<L>>('summary', name, labelNames) ??
      this.#keep(new Summary({ name, help: summaryHelp, labelNames, registers: [], ...SUMMARY_OPTIONS }));
    return new DurationInstrument(histogram, summary);
  }

  /** Registers the instruments that were created rather than reused. */
  register(): void {
    for (const metric of this.#created) this.#registry.registerMetric(metric);
  }

  #keep<M extends Metric>(metric: M): M {
    this.#created.push(metric);
    return metric;
  }

  /** The registry's metric of that name when it has the same type and labels; `undefined` when there is none. */
  #existing<M>(type: InstrumentType, name: string, labelNames: readonly string[]): M | undefined {
    const existing: unknown = this.#registry.getSingleMetric(name);
    if (existing === undefined) return undefined;
    // Read as plain data, not by instanceof: the registry may come from another copy of prom-client.
    const { type: foundType, labelNames: foundLabels } = existing as { type?: unknown; labelNames?: unknown };
    if (foundType !== type) {
      throw new ValidationError(
        'registry',
        name,
        `The registry already holds ${name} as a ${String(foundType)}, PrometheusMetrics needs a ${type}: ` +
          'remove that metric from the registry, or choose another namespace or subsystem',
      );
    }
    if (!sameLabels(foundLabels, labelNames)) {
      throw new ValidationError(
        'registry',
        name,
        `The registry already holds the ${type} ${name} with ${describeLabels(foundLabels)}, PrometheusMetrics ` +
          `needs ${describeLabels(labelNames)}: remove that metric from the registry, or choose another namespace or subsystem`,
      );
    }
    return existing as M;
  }
}
