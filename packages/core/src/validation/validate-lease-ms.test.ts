import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error';
import { caughtError } from '../internal/caught-error';
import { validateLeaseMs } from './validate-lease-ms';

describe('validateLeaseMs', () => {
  it.each([[0.5], [1], [30_000]])('accepts %d', (leaseMs) => {
    expect(() => validateLeaseMs(leaseMs)).not.toThrow();
  });

  it.each([[0], [-1], [Number.NaN], [Number.POSITIVE_INFINITY], ['1000']])('rejects %j', (leaseMs) => {
    expect(() => validateLeaseMs(leaseMs as number)).toThrowError(ValidationError);
  });

  it('names the field leaseMs and keeps the value', () => {
    expect(caughtError(() => validateLeaseMs(-5))).toMatchObject({ code: 'VALIDATION', field: 'leaseMs', value: -5 });
  });
});
