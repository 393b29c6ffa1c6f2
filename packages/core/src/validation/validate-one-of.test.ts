import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error';
import { validateOneOf } from './validate-one-of';

describe('validateOneOf', () => {
  it('accepts an allowed value and narrows its type', () => {
    const status: string = 'shipped';

    validateOneOf(status, ['pending', 'shipped'], 'status');

    const narrowed: 'pending' | 'shipped' = status;
    expect(narrowed).toBe('shipped');
  });

  it('rejects any other value, listing the allowed ones', () => {
    expect(() => validateOneOf('lost', ['pending', 'shipped'], 'status')).toThrowError(
      expect.objectContaining({
        code: 'VALIDATION',
        field: 'status',
        value: 'lost',
        message: 'status must be one of: pending, shipped',
      }),
    );
  });

  it('compares strictly', () => {
    expect(() => validateOneOf('1', [1, 2], 'priority')).toThrowError(ValidationError);
  });
});
