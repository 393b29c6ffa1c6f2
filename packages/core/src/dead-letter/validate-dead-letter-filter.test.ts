import { describe, expect, it } from 'vitest';
import { caughtError } from '../internal/caught-error';
import { validateDeadLetterFilter } from './validate-dead-letter-filter';

describe('validateDeadLetterFilter', () => {
  it.each([[{}], [{ limit: 0 }], [{ limit: 10, handlerName: 'billing', messageType: 'OrderPlaced' }]])(
    'accepts %j',
    (filter) => {
      expect(() => validateDeadLetterFilter(filter)).not.toThrow();
    },
  );

  it.each([[-1], [1.5], [Number.NaN]])('rejects a limit of %d', (limit) => {
    expect(caughtError(() => validateDeadLetterFilter({ limit }))).toMatchObject({
      code: 'VALIDATION',
      field: 'limit',
    });
  });
});
