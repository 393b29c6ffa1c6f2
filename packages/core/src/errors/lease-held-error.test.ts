import { describe, expect, it } from 'vitest';
import { LeaseHeldError } from './lease-held-error';
import { OrchestrixError } from './orchestrix-error';

describe('LeaseHeldError', () => {
  it('names the projection and says what to do', () => {
    const error = new LeaseHeldError('order_totals');

    expect(error).toBeInstanceOf(OrchestrixError);
    expect(error).toMatchObject({ name: 'LeaseHeldError', code: 'LEASE_HELD', projectionName: 'order_totals' });
    expect(error.message).toContain('"order_totals"');
    expect(error.message).toContain('stop that runner');
  });

  it('is retryable: the lease runs out or is released', () => {
    expect(new LeaseHeldError('order_totals').retryable).toBe(true);
  });
});
