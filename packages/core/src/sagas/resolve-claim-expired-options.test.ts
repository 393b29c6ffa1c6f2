import { describe, expect, it } from 'vitest';
import { caughtError } from '../internal/caught-error';
import { resolveClaimExpiredOptions } from './resolve-claim-expired-options';

const options = { owner: 'worker-a', leaseMs: 30_000, statuses: ['running'] };

describe('resolveClaimExpiredOptions', () => {
  it('fills in a limit of 100', () => {
    expect(resolveClaimExpiredOptions(options)).toEqual({ ...options, limit: 100 });
  });

  it('keeps a given limit and saga types', () => {
    const resolved = resolveClaimExpiredOptions({ ...options, sagaTypes: ['OrderSaga'], limit: 0 });

    expect(resolved).toEqual({ ...options, sagaTypes: ['OrderSaga'], limit: 0 });
  });

  it.each([
    ['owner', { owner: ' ' }],
    ['leaseMs', { leaseMs: 0 }],
    ['limit', { limit: -1 }],
    ['limit', { limit: 2.5 }],
  ])('rejects a bad %s', (field, change) => {
    expect(caughtError(() => resolveClaimExpiredOptions({ ...options, ...change }))).toMatchObject({
      code: 'VALIDATION',
      field,
    });
  });
});
