import { describe, expect, it } from 'vitest';
import { NoRetry } from './no-retry';

describe('NoRetry', () => {
  it('allows no retry at all', () => {
    const policy = new NoRetry();

    expect(policy.maxRetries).toBe(0);
    expect(policy.delayBeforeRetry(1)).toBeUndefined();
  });
});
