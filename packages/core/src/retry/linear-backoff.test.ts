import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error';
import { LinearBackoff } from './linear-backoff';

describe('LinearBackoff', () => {
  it('defaults to 3 retries of 1000, 2000 and 3000 ms', () => {
    const policy = new LinearBackoff();

    expect([1, 2, 3, 4].map((attempt) => policy.delayBeforeRetry(attempt))).toEqual([1000, 2000, 3000, undefined]);
  });

  it('adds incrementMs after each failed attempt', () => {
    const policy = new LinearBackoff({ maxRetries: 4, initialDelayMs: 200, incrementMs: 50 });

    expect([1, 2, 3, 4].map((attempt) => policy.delayBeforeRetry(attempt))).toEqual([200, 250, 300, 350]);
  });

  it('caps the delay at maxDelayMs', () => {
    const policy = new LinearBackoff({ maxRetries: 10, initialDelayMs: 1000, incrementMs: 1000, maxDelayMs: 2500 });

    expect([1, 2, 3, 10].map((attempt) => policy.delayBeforeRetry(attempt))).toEqual([1000, 2000, 2500, 2500]);
  });

  it.each([
    ['maxRetries', { maxRetries: -1 }],
    ['maxRetries', { maxRetries: 0.5 }],
    ['initialDelayMs', { initialDelayMs: Number.NaN }],
    ['incrementMs', { incrementMs: -100 }],
    ['maxDelayMs', { initialDelayMs: 2000, maxDelayMs: 1000 }],
  ])('rejects an invalid %s with a ValidationError naming it', (field, options) => {
    expect(() => new LinearBackoff(options)).toThrowError(ValidationError);
    expect(() => new LinearBackoff(options)).toThrowError(expect.objectContaining({ field }));
  });
});
