import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error';
import { caughtError } from '../internal/caught-error';
import { validateNotEmpty } from './validate-not-empty';

describe('validateNotEmpty', () => {
  it.each([['order-1'], [' x '], [[0]], [['']]])('accepts %j', (value) => {
    expect(() => validateNotEmpty(value, 'orderId')).not.toThrow();
  });

  it.each([[''], ['   '], ['\t\n'], [[]], [null], [undefined]])('rejects %j with a ValidationError', (value) => {
    expect(() => validateNotEmpty(value, 'orderId')).toThrowError(ValidationError);
  });

  it.each([[7], [true], [{ id: 'x' }]])(
    'rejects %j, which is neither a string nor a list, naming the type',
    (value) => {
      const error = caughtError(() => validateNotEmpty(value as unknown as string, 'customerId'));

      expect(error).toMatchObject({ code: 'VALIDATION', field: 'customerId', value });
      expect(error).toHaveProperty('message', 'customerId must be a string or a list');
    },
  );

  it('names the field and keeps the value', () => {
    const error = caughtError(() => validateNotEmpty('  ', 'orderId'));

    expect(error).toMatchObject({ code: 'VALIDATION', field: 'orderId', value: '  ' });
    expect(error).toHaveProperty('message', 'orderId cannot be empty');
  });

  it('narrows the type of a checked value', () => {
    const orderId: string | undefined = 'order-1';

    validateNotEmpty(orderId, 'orderId');

    expect(orderId.length).toBe(7);
  });
});
