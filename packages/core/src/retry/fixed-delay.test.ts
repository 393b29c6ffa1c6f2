import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error';
import { FixedDelay } from './fixed-delay';

describe('FixedDelay', () => {
  it('waits the same delay before every retry', () => {
    const policy = new FixedDelay({ maxRetries: 3, delayMs: 250 });

    expect([1, 2, 3].map((attempt) => policy.delayBeforeRetry(attempt))).toEqual([250, 250, 250]);
  });

  it('returns undefined once maxRetries are used', () => {
    const policy = new FixedDelay({ maxRetries: 2, delayMs: 100 });

    expect(policy.delayBeforeRetry(3)).toBeUndefined();
  });

  it('allows a zero delay', () => {
    const policy = new FixedDelay({ maxRetries: 1, delayMs: 0 });

    expect(policy.delayBeforeRetry(1)).toBe(0);
  });

  it.each([
    ['maxRetries', { maxRetries: -1, delayMs: 100 }],
    ['maxRetries', { maxRetries: 2.5, delayMs: 100 }],
    ['delayMs', { maxRetries: 2, delayMs: -5 }],
    ['delayMs', { maxRetries: 2, delayMs: Number.NaN }],
  ])('rejects an invalid %s with a ValidationError naming it', (field, options) => {
    expect(() => new FixedDelay(options)).toThrowError(ValidationError);
    expect(() => new FixedDelay(options)).toThrowError(expect.objectContaining({ field }));
  });
});
