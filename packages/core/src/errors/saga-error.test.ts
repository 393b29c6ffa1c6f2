import { describe, expect, it } from 'vitest';
import { type CompensationOutcome, SagaError } from './saga-error';

const compensations: CompensationOutcome[] = [
  { stepName: 'inventory', status: 'compensated' },
  { stepName: 'payment', status: 'compensation_failed', error: new Error('refund refused') },
];

describe('SagaError', () => {
  it('holds the saga type, id and failed step', () => {
    const error = new SagaError('OrderSaga', 'saga-1', 'shipping', compensations);

    expect(error).toMatchObject({ code: 'SAGA', sagaType: 'OrderSaga', sagaId: 'saga-1', stepName: 'shipping' });
  });

  it('holds the outcome of every compensation, frozen', () => {
    const error = new SagaError('OrderSaga', 'saga-1', 'shipping', compensations);

    expect(error.compensations).toEqual(compensations);
    expect(Object.isFrozen(error.compensations)).toBe(true);
  });

  it('keeps the cause it is given', () => {
    const cause = new Error('carrier unavailable');

    const error = new SagaError('OrderSaga', 'saga-1', 'shipping', [], { cause });

    expect(error.cause).toBe(cause);
  });
});
