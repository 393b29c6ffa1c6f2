import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error';
import { validateMinLength } from './validate-min-length';

describe('validateMinLength', () => {
  it('accepts a string or an array at or above the minimum', () => {
    expect(() => validateMinLength('abc', 3, 'name')).not.toThrow();
    expect(() => validateMinLength([1, 2], 1, 'items')).not.toThrow();
  });

  it('rejects a shorter string, naming the field and the minimum in characters', () => {
    expect(() => validateMinLength('ab', 3, 'name')).toThrowError(
      expect.objectContaining({
        code: 'VALIDATION',
        field: 'name',
        value: 'ab',
        message: 'name must have at least 3 characters',
      }),
    );
  });

  it('rejects a shorter array, naming the minimum in items', () => {
    expect(() => validateMinLength([], 1, 'items')).toThrowError(
      expect.objectContaining({ field: 'items', message: 'items must have at least 1 item' }),
    );
  });

  it('counts characters, not UTF-16 code units', () => {
    expect(() => validateMinLength('😀😀', 3, 'name')).toThrowError(ValidationError);
  });

  it('rejects a value that is neither a string nor an array', () => {
    const value = JSON.parse('null') as string;

    expect(() => validateMinLength(value, 1, 'name')).toThrowError(
      expect.objectContaining({ field: 'name', value: null }),
    );
  });
});
