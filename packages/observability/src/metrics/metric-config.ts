import { ValidationError } from '@orchestrix/core';
import type { Registry, RegistryContentType } from 'prom-client';

/** Options of {@link MetricConfig}; all optional. */
export interface MetricConfigOptions {
  /** First part of every metric name (`<namespace>_<subsystem>_events_total`); default `orchestrix`. */
  readonly namespace?: string | undefined;
  /** Second part of every metric name; default `core`. */
  readonly subsystem?: string | undefined;
  /**
   * The prom-client registry the metrics are registered in. Default: a new `Registry` of each
   * {@link PrometheusMetrics}; prom-client's global `register` is used only when passed here.
   */
  readonly registry?: Registry<RegistryContentType> | undefined;
  /**
   * `true` (the default) also registers a summary (p50, p90, p95, p99 over a sliding 10-minute window)
   * next to each of the six duration histograms of the SPEC catalogue, named `…_quantiles_seconds`.
   */
  readonly enableSummaryMetrics?: boolean | undefined;
}

/** A Prometheus metric name part: a letter or `_`, then letters, digits and `_` (no colons: rules own them). */
const PROMETHEUS_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function validateName(value: unknown, field: 'namespace' | 'subsystem'): string {
  if (typeof value === 'string' && PROMETHEUS_NAME.test(value)) return value;
  const shown = typeof value === 'string' ? `"${value}"` : String(value);
  const suggestion =
    typeof value === 'string' && value !== '' ? `, e.g. "${value.replace(/^(?=[0-9])/, '_').replace(/\W/g, '_')}"` : '';
  throw new ValidationError(
    field,
    value,
    `${field} ${shown} is not a Prometheus name: use letters, digits and underscores, not starting with a digit${suggestion}`,
  );
}

function validateRegistry(value: unknown): Registry<RegistryContentType> | undefined {
  if (value === undefined) return undefined;
  const candidate = value as Partial<Registry<RegistryContentType>> | null;
  const isRegistry =
    typeof candidate?.registerMetric === 'function' &&
    typeof candidate.getSingleMetric === 'function' &&
    typeof candidate.metrics === 'function';
  if (isRegistry) return value as Registry<RegistryContentType>;
  throw new ValidationError(
    'registry',
    value,
    'registry must be a prom-client Registry, e.g. new Registry() from prom-client, or left out for a new one',
  );
}

/**
 * How {@link PrometheusMetrics} names and registers its metrics. Validated and frozen at construction.
 *
 * @throws {@link ValidationError} with `field` `namespace` or `subsystem` when it is not a Prometheus name
 * (`[a-zA-Z_][a-zA-Z0-9_]*`), `registry` when it is not a prom-client registry, or `enableSummaryMetrics`
 * when it is not a boolean.
 * @example
 * const metrics = new PrometheusMetrics(new MetricConfig({ namespace: 'shop', subsystem: 'orders' }));
 */
export class MetricConfig {
  /** First part of every metric name. */
  readonly namespace: string;
  /** Second part of every metric name. */
  readonly subsystem: string;
  /** The registry given, or `undefined`: then each {@link PrometheusMetrics} creates its own. */
  readonly registry: Registry<RegistryContentType> | undefined;
  /** Whether summaries (quantiles) are registered next to the duration histograms. */
  readonly enableSummaryMetrics: boolean;

  constructor(options: MetricConfigOptions = {}) {
    this.namespace = validateName(options.namespace ?? 'orchestrix', 'namespace');
    this.subsystem = validateName(options.subsystem ?? 'core', 'subsystem');
    this.registry = validateRegistry(options.registry);
    const enableSummaryMetrics = options.enableSummaryMetrics ?? true;
    if (typeof enableSummaryMetrics !== 'boolean') {
      throw new ValidationError(
        'enableSummaryMetrics',
        enableSummaryMetrics,
        'enableSummaryMetrics must be true or false',
      );
    }
    this.enableSummaryMetrics = enableSummaryMetrics;
    Object.freeze(this);
  }

  /** The prefix of every metric name: `<namespace>_<subsystem>_`. */
  get prefix(): string {
    return `${this.namespace}_${this.subsystem}_`;
  }
}
