import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error';
import { validatePositive } from './validate-positive';

describe('validatePositive', () => {
  it.each([[0.01], [1], [99]])('accepts %d', (value) => {
    expect(() => validatePositive(value, 'totalAmount')).not.toThrow();
  });

  it.each([[0], [-0], [-1], [Number.NaN], [Number.POSITIVE_INFINITY]])('rejects %d', (value) => {
    expect(() => validatePositive(value, 'totalAmount')).toThrowError(ValidationError);
  });

  it('rejects a value that is not a number', () => {
    const value = JSON.parse('"5"') as number;

    expect(() => validatePositive(value, 'totalAmount')).toThrowError(expect.objectContaining({ value: '5' }));
  });

  it('names the field and keeps the value', () => {
    expect(() => validatePositive(-5, 'totalAmount')).toThrowError(
      expect.objectContaining({
        code: 'VALIDATION',
        field: 'totalAmount',
        value: -5,
        message: 'totalAmount must be positive',
      }),
    );
  });
});
