import { describe, expect, it } from 'vitest';
import { ValidationError } from './validation-error';

describe('ValidationError', () => {
  it('holds the field and the offending value', () => {
    const error = new ValidationError('totalAmount', -5, 'totalAmount must be positive');

    expect(error).toMatchObject({ code: 'VALIDATION', field: 'totalAmount', value: -5 });
  });

  it('lists its own field as the only issue when given no issues', () => {
    const error = new ValidationError('orderId', '', 'orderId cannot be empty');

    expect(error.issues.map((issue) => issue.field)).toEqual(['orderId']);
  });

  it('keeps the issues it is given, frozen', () => {
    const issues = [
      { field: 'orderId', message: 'is required' },
      { field: 'items.0.price', message: 'must be positive' },
    ];

    const error = new ValidationError('orderId', undefined, 'orderId: is required', { issues });

    expect(error.issues).toEqual(issues);
    expect(Object.isFrozen(error.issues)).toBe(true);
  });

  it('keeps the cause it is given', () => {
    const cause = new RangeError('too many items');

    const error = new ValidationError('', { count: 5 }, 'AddItems rejected its input', { cause });

    expect(error.cause).toBe(cause);
  });

  it('is not retryable', () => {
    const error = new ValidationError('orderId', '', 'orderId cannot be empty');

    expect(error.retryable).toBe(false);
  });
});
