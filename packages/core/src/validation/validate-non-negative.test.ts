import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error';
import { validateNonNegative } from './validate-non-negative';

describe('validateNonNegative', () => {
  it.each([[0], [0.5], [42]])('accepts %d', (value) => {
    expect(() => validateNonNegative(value, 'quantity')).not.toThrow();
  });

  it.each([[-1], [-0.001], [Number.NaN], [Number.NEGATIVE_INFINITY], [Number.POSITIVE_INFINITY]])(
    'rejects %d',
    (value) => {
      expect(() => validateNonNegative(value, 'quantity')).toThrowError(ValidationError);
    },
  );

  it('names the field and keeps the value', () => {
    expect(() => validateNonNegative(-2, 'quantity')).toThrowError(
      expect.objectContaining({
        code: 'VALIDATION',
        field: 'quantity',
        value: -2,
        message: 'quantity must not be negative',
      }),
    );
  });
});
