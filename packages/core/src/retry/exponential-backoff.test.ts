import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error';
import { ExponentialBackoff } from './exponential-backoff';

function delays(policy: ExponentialBackoff, attempts: number): (number | undefined)[] {
  return Array.from({ length: attempts }, (_slot, index) => policy.delayBeforeRetry(index + 1));
}

describe('ExponentialBackoff', () => {
  it('defaults to 3 retries starting at 1000 ms, doubling, capped at 60000 ms, with jitter', () => {
    const policy = new ExponentialBackoff();

    expect(policy).toMatchObject({
      maxRetries: 3,
      initialDelayMs: 1000,
      multiplier: 2,
      maxDelayMs: 60000,
      jitter: true,
    });
  });

  it('multiplies the delay after each failed attempt', () => {
    const policy = new ExponentialBackoff({ maxRetries: 4, initialDelayMs: 100, multiplier: 3, jitter: false });

    expect(delays(policy, 4)).toEqual([100, 300, 900, 2700]);
  });

  it('caps the delay at maxDelayMs', () => {
    const policy = new ExponentialBackoff({ maxRetries: 10, initialDelayMs: 1000, maxDelayMs: 5000, jitter: false });

    expect(delays(policy, 5)).toEqual([1000, 2000, 4000, 5000, 5000]);
  });

  it('returns undefined once maxRetries are used, allowing maxRetries + 1 attempts', () => {
    const policy = new ExponentialBackoff({ maxRetries: 3, jitter: false });

    expect(policy.delayBeforeRetry(3)).toBe(4000);
    expect(policy.delayBeforeRetry(4)).toBeUndefined();
  });

  it('never retries with maxRetries 0', () => {
    const policy = new ExponentialBackoff({ maxRetries: 0 });

    expect(policy.delayBeforeRetry(1)).toBeUndefined();
  });

  it('keeps jittered delays between half the delay and the delay, never above maxDelayMs', () => {
    const policy = new ExponentialBackoff({ maxRetries: 20, initialDelayMs: 100, maxDelayMs: 3000 });

    for (let sample = 0; sample < 2000; sample += 1) {
      const attempt = (sample % 20) + 1;
      const delayMs = policy.delayBeforeRetry(attempt) ?? Number.NaN;
      const fullDelayMs = Math.min(100 * 2 ** (attempt - 1), 3000);
      expect(delayMs).toBeGreaterThanOrEqual(fullDelayMs / 2);
      expect(delayMs).toBeLessThanOrEqual(fullDelayMs);
    }
  });

  it('varies jittered delays', () => {
    const policy = new ExponentialBackoff({ initialDelayMs: 1000 });

    const samples = new Set(Array.from({ length: 50 }, () => policy.delayBeforeRetry(1)));

    expect(samples.size).toBeGreaterThan(1);
  });

  it('stays at zero and at maxDelayMs for very late attempts', () => {
    const zero = new ExponentialBackoff({ maxRetries: 5000, initialDelayMs: 0, jitter: false });
    const capped = new ExponentialBackoff({ maxRetries: 5000, initialDelayMs: 10, maxDelayMs: 50, jitter: false });

    expect(zero.delayBeforeRetry(4000)).toBe(0);
    expect(capped.delayBeforeRetry(4000)).toBe(50);
  });

  it.each([
    ['maxRetries', { maxRetries: -1 }],
    ['maxRetries', { maxRetries: 1.5 }],
    ['maxRetries', { maxRetries: Number.NaN }],
    ['maxRetries', { maxRetries: Number.POSITIVE_INFINITY }],
    ['initialDelayMs', { initialDelayMs: -1 }],
    ['initialDelayMs', { initialDelayMs: Number.NaN }],
    ['multiplier', { multiplier: 0.5 }],
    ['multiplier', { multiplier: Number.NaN }],
    ['maxDelayMs', { maxDelayMs: 500, initialDelayMs: 1000 }],
    ['maxDelayMs', { maxDelayMs: Number.POSITIVE_INFINITY }],
  ])('rejects an invalid %s with a ValidationError naming it', (field, options) => {
    expect(() => new ExponentialBackoff(options)).toThrowError(ValidationError);
    expect(() => new ExponentialBackoff(options)).toThrowError(expect.objectContaining({ field }));
  });

  it('rejects a jitter that is not a boolean', () => {
    const options = JSON.parse('{ "jitter": "yes" }') as { jitter: boolean };

    expect(() => new ExponentialBackoff(options)).toThrowError(expect.objectContaining({ field: 'jitter' }));
  });

  it('rejects an attempt below 1 with a ValidationError', () => {
    const policy = new ExponentialBackoff();

    expect(() => policy.delayBeforeRetry(0)).toThrowError(
      expect.objectContaining({ code: 'VALIDATION', field: 'attempt' }),
    );
  });
});
