import { describe, expect, it } from 'vitest';
import { caughtError } from '../internal/caught-error';
import { validateSagaStateFilter } from './validate-saga-state-filter';

describe('validateSagaStateFilter', () => {
  it.each([[{}], [{ limit: 0 }], [{ limit: 10, statuses: [], sagaType: 'OrderSaga' }]])('accepts %j', (filter) => {
    expect(() => validateSagaStateFilter(filter)).not.toThrow();
  });

  it.each([[-1], [1.5], [Number.NaN], [Number.POSITIVE_INFINITY]])('rejects a limit of %d', (limit) => {
    expect(caughtError(() => validateSagaStateFilter({ limit }))).toMatchObject({ code: 'VALIDATION', field: 'limit' });
  });
});
