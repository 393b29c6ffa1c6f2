import { ValidationError } from '@orchestrix/core';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { MetricConfig } from './metric-config';

function failureOf(build: () => unknown): unknown {
  try {
    build();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('MetricConfig', () => {
  it('defaults to namespace orchestrix, subsystem core, no registry and summaries on', () => {
    const config = new MetricConfig();

    expect(config).toMatchObject({
      namespace: 'orchestrix',
      subsystem: 'core',
      registry: undefined,
      enableSummaryMetrics: true,
    });
    expect(config.prefix).toBe('orchestrix_core_');
  });

  it('keeps the options it is given', () => {
    const registry = new Registry();

    const config = new MetricConfig({ namespace: 'shop', subsystem: 'orders', registry, enableSummaryMetrics: false });

    expect(config).toMatchObject({ namespace: 'shop', subsystem: 'orders', enableSummaryMetrics: false });
    expect(config.registry).toBe(registry);
  });

  it('is frozen', () => {
    const config = new MetricConfig();

    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each([
    ['', 'namespace'],
    ['my-app', 'namespace'],
    ['1shop', 'namespace'],
    ['shop:orders', 'namespace'],
    ['café', 'namespace'],
  ])('rejects the namespace %j with a ValidationError naming namespace', (namespace, field) => {
    const error = failureOf(() => new MetricConfig({ namespace }));

    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ code: 'VALIDATION', field, value: namespace });
  });

  it.each(['', 'order service', '9'])(
    'rejects the subsystem %j with a ValidationError naming subsystem',
    (subsystem) => {
      const error = failureOf(() => new MetricConfig({ subsystem }));

      expect(error).toMatchObject({ code: 'VALIDATION', field: 'subsystem', value: subsystem });
    },
  );

  it('rejects a namespace that is not a string', () => {
    const error = failureOf(() => new MetricConfig({ namespace: 42 as unknown as string }));

    expect(error).toMatchObject({ code: 'VALIDATION', field: 'namespace' });
  });

  it('accepts underscores and digits after the first character', () => {
    const config = new MetricConfig({ namespace: '_shop2', subsystem: 'orders_v2' });

    expect(config.prefix).toBe('_shop2_orders_v2_');
  });

  it('rejects a registry that is not a prom-client registry', () => {
    const error = failureOf(() => new MetricConfig({ registry: {} as unknown as Registry }));

    expect(error).toMatchObject({ code: 'VALIDATION', field: 'registry' });
  });

  it('rejects an enableSummaryMetrics that is not a boolean', () => {
    const error = failureOf(() => new MetricConfig({ enableSummaryMetrics: 'yes' as unknown as boolean }));

    expect(error).toMatchObject({ code: 'VALIDATION', field: 'enableSummaryMetrics' });
  });
});
