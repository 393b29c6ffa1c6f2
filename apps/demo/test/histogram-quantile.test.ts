import { describe, expect, it } from 'vitest';
import { histogramQuantile } from '../src/metrics/histogram-quantile';

const INF = Number.POSITIVE_INFINITY;

describe('histogramQuantile', () => {
  it('interpolates linearly inside the bucket that holds the rank', () => {
    const buckets = [
      { upperBound: 0.005, count: 9 },
      { upperBound: 0.01, count: 10 },
      { upperBound: INF, count: 10 },
    ];

    expect(histogramQuantile(0.95, buckets)).toBeCloseTo(0.0075, 12);
  });

  it('starts the first bucket at 0', () => {
    const buckets = [
      { upperBound: 1, count: 4 },
      { upperBound: 2, count: 8 },
      { upperBound: INF, count: 8 },
    ];

    expect(histogramQuantile(0.25, buckets)).toBe(0.5);
    expect(histogramQuantile(0.75, buckets)).toBe(1.5);
  });

  it('answers the highest finite bound for a rank in the +Inf bucket, as PromQL does', () => {
    expect(
      histogramQuantile(0.5, [
        { upperBound: 1, count: 1 },
        { upperBound: INF, count: 10 },
      ]),
    ).toBe(1);
  });

  it('sorts the buckets by bound first', () => {
    const buckets = [
      { upperBound: INF, count: 10 },
      { upperBound: 0.01, count: 10 },
      { upperBound: 0.005, count: 9 },
    ];

    expect(histogramQuantile(0.95, buckets)).toBeCloseTo(0.0075, 12);
  });

  it('has no answer without observations', () => {
    expect(histogramQuantile(0.95, [{ upperBound: INF, count: 0 }])).toBeUndefined();
    expect(histogramQuantile(0.95, [])).toBeUndefined();
  });
});
