import { beforeAll, describe, expect, it } from 'vitest';
import { dashboardQueries, type Query, ruleQueries, ruleTestSeries } from './support/dashboard-queries';
import { metricReferencesOf } from './support/metric-references';
import { registeredSeriesNames } from './support/registered-series';

let registered: Set<string>;

beforeAll(async () => {
  registered = await registeredSeriesNames();
});

/** Each name a query reads that PrometheusMetrics does not register, and each pattern that matches none. */
function unknownMetrics(queries: readonly Query[]): string[] {
  return queries.flatMap(({ where, expr }) => {
    const { names, namePatterns } = metricReferencesOf(expr);
    const unknownNames = names.filter((name) => !registered.has(name)).map((name) => `${where}: ${name}`);
    const unmatched = namePatterns
      .filter((pattern) => ![...registered].some((name) => pattern.test(name)))
      .map((pattern) => `${where}: ${pattern}`);
    return [...unknownNames, ...unmatched];
  });
}

/** Every metric name the queries read. */
function namesRead(queries: readonly Query[]): Set<string> {
  return new Set(queries.flatMap(({ expr }) => metricReferencesOf(expr).names));
}

describe('the dashboard and the alert rules', () => {
  it('read only series that PrometheusMetrics registers, with the default namespace and subsystem', () => {
    const queries = [...dashboardQueries(), ...ruleQueries()];

    expect(queries.length).toBeGreaterThan(50);
    expect(unknownMetrics(queries)).toEqual([]);
  });

  it('give every query at least one metric to read', () => {
    const empty = [...dashboardQueries(), ...ruleQueries()].filter(({ expr }) => {
      const { names, namePatterns } = metricReferencesOf(expr);
      return names.length === 0 && namePatterns.length === 0;
    });

    expect(empty).toEqual([]);
  });

  it('test the alerts on input series that PrometheusMetrics registers', () => {
    expect(unknownMetrics(ruleTestSeries())).toEqual([]);
  });

  it('estimate quantiles from histogram buckets, keeping the le label', () => {
    const quantileQueries = dashboardQueries().filter(({ expr }) => expr.includes('histogram_quantile'));

    expect(quantileQueries.length).toBeGreaterThan(10);
    for (const { where, expr } of quantileQueries) {
      expect(
        metricReferencesOf(expr).names.every((name) => name.endsWith('_bucket')),
        where,
      ).toBe(true);
      expect(expr, where).toMatch(/by \((le|le, [^)]*)\)/);
    }
  });

  it('show throughput, latency, errors, storage, projections, sagas and dead letters', () => {
    const read = namesRead(dashboardQueries());

    expect([...read].sort()).toEqual(
      expect.arrayContaining([
        'orchestrix_core_commands_total',
        'orchestrix_core_events_total',
        'orchestrix_core_commands_latency_seconds_bucket',
        'orchestrix_core_events_processing_seconds_bucket',
        'orchestrix_core_handler_attempts_total',
        'orchestrix_core_storage_operations_total',
        'orchestrix_core_storage_operation_seconds_bucket',
        'orchestrix_core_projection_events_behind',
        'orchestrix_core_projection_healthy',
        'orchestrix_core_projection_update_seconds_bucket',
        'orchestrix_core_saga_executions_total',
        'orchestrix_core_saga_outcomes_total',
        'orchestrix_core_saga_duration_seconds_bucket',
        'orchestrix_core_dead_letters_total',
      ]),
    );
  });

  it('alert on projection lag and health, dead letters, failed sagas and compensations, commands and storage', () => {
    const read = namesRead(ruleQueries());

    expect([...read].sort()).toEqual([
      'orchestrix_core_commands_total',
      'orchestrix_core_dead_letters_total',
      'orchestrix_core_projection_events_behind',
      'orchestrix_core_projection_healthy',
      'orchestrix_core_saga_compensations_total',
      'orchestrix_core_saga_outcomes_total',
      'orchestrix_core_storage_operations_total',
    ]);
  });
});
