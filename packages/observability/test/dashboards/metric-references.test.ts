import { describe, expect, it } from 'vitest';
import { metricReferencesOf } from './support/metric-references';

describe('metricReferencesOf', () => {
  it('finds the metric of a rate under an aggregation, skipping functions, label lists and durations', () => {
    const found = metricReferencesOf(
      'histogram_quantile(0.95, sum by (le, command_type) (rate(orx_latency_seconds_bucket{job=~"$job"}[5m])))',
    );

    expect(found).toEqual({ names: ['orx_latency_seconds_bucket'], namePatterns: [] });
  });

  it('finds both sides of a binary operation and skips on, ignoring, group_left and bool', () => {
    const found = metricReferencesOf(
      'errors_total / on (job) group_left (team) requests_total > bool 0.5 and ignoring (status) other_total',
    );

    expect(found.names).toEqual(['errors_total', 'requests_total', 'other_total']);
  });

  it('skips label names and values inside braces, and aggregations written with by after the call', () => {
    const found = metricReferencesOf(
      'sum(increase(dead_letters_total{handler_name!="a{b}", message_type=~"Order.+"}[$__range])) by (handler_name)',
    );

    expect(found.names).toEqual(['dead_letters_total']);
  });

  it('skips offsets, subqueries, keywords, numbers in every notation and Grafana variables', () => {
    const found = metricReferencesOf(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax, not a template literal.
      'max_over_time(deriv(lag[10m:1m])[1h:]) unless lag offset 10m or vector(1e-3) * 0x1f + Inf - NaN + ${prefix} + $__interval',
    );

    expect(found.names).toEqual(['lag', 'lag']);
  });

  it('reads __name__ matchers as names and patterns, and ignores strings given to functions', () => {
    const found = metricReferencesOf(
      'label_replace({__name__="up_total"}, "dst", "$1", "src", "(.*)") + count({__name__=~"orchestrix_core_.+"})',
    );

    expect(found.names).toEqual(['up_total']);
    expect(found.namePatterns.map(String)).toEqual(['/^(?:orchestrix_core_.+)$/']);
  });

  it('refuses label matchers it cannot read instead of guessing', () => {
    expect(() => metricReferencesOf('requests_total{job}')).toThrowError(/Cannot read the label matchers/);
  });
});
