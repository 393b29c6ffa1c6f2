import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error';
import { validateInRange } from './validate-in-range';

describe('validateInRange', () => {
  it.each([[1], [3], [5], [4.5]])('accepts %d, bounds included', (value) => {
    expect(() => validateInRange(value, 1, 5, 'rating')).not.toThrow();
  });

  it.each([[0], [5.1], [Number.NaN], [Number.POSITIVE_INFINITY]])('rejects %d', (value) => {
    expect(() => validateInRange(value, 1, 5, 'rating')).toThrowError(ValidationError);
  });

  it('names the field, keeps the value and states the range', () => {
    expect(() => validateInRange(7, 1, 5, 'rating')).toThrowError(
      expect.objectContaining({
        code: 'VALIDATION',
        field: 'rating',
        value: 7,
        message: 'rating must be between 1 and 5',
      }),
    );
  });
});
