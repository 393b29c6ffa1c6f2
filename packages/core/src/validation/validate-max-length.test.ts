import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error';
import { validateMaxLength } from './validate-max-length';

describe('validateMaxLength', () => {
  it('accepts a string or an array at or below the maximum', () => {
    expect(() => validateMaxLength('abc', 3, 'comment')).not.toThrow();
    expect(() => validateMaxLength([], 0, 'items')).not.toThrow();
  });

  it('rejects a longer string, naming the field and the maximum in characters', () => {
    expect(() => validateMaxLength('abcd', 3, 'comment')).toThrowError(
      expect.objectContaining({
        code: 'VALIDATION',
        field: 'comment',
        value: 'abcd',
        message: 'comment must have at most 3 characters',
      }),
    );
  });

  it('rejects a longer array, naming the maximum in items', () => {
    expect(() => validateMaxLength([1, 2, 3], 2, 'items')).toThrowError(
      expect.objectContaining({ field: 'items', message: 'items must have at most 2 items' }),
    );
  });

  it('counts characters, not UTF-16 code units', () => {
    expect(() => validateMaxLength('😀😀', 2, 'comment')).not.toThrow();
  });

  it('rejects a value that is neither a string nor an array', () => {
    const value = JSON.parse('42') as string;

    expect(() => validateMaxLength(value, 5, 'comment')).toThrowError(ValidationError);
  });
});
