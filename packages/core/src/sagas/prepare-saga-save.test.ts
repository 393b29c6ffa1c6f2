import { describe, expect, it } from 'vitest';
import { SerializationError } from '../errors/serialization-error';
import { caughtError } from '../internal/caught-error';
import { prepareSagaSave } from './prepare-saga-save';
import type { SagaStateUpdate } from './saga-state-store';

const update: SagaStateUpdate = { sagaId: 'saga-1', sagaType: 'OrderSaga', status: 'running', state: { step: 1 } };

describe('prepareSagaSave', () => {
  it('returns the state through the JSON codec, frozen', () => {
    const prepared = prepareSagaSave({ ...update, state: { placedAt: new Date(0) } }, 0);

    expect(prepared.state).toEqual({ placedAt: '1970-01-01T00:00:00.000Z' });
    expect(Object.isFrozen(prepared.state)).toBe(true);
  });

  it('copies a lease frozen, with its expiry as ISO 8601 UTC', () => {
    const prepared = prepareSagaSave(
      { ...update, lease: { owner: 'worker-a', expiresAt: '2030-01-01T01:00:00+01:00' } },
      1,
    );

    expect(prepared.lease).toEqual({ owner: 'worker-a', expiresAt: '2030-01-01T00:00:00.000Z' });
    expect(Object.isFrozen(prepared.lease)).toBe(true);
  });

  it('passes a null lease, which releases it, through', () => {
    expect(prepareSagaSave({ ...update, lease: null }, 1).lease).toBeNull();
  });

  it('leaves the lease undefined, which keeps it, when the update has none', () => {
    expect(prepareSagaSave(update, 1).lease).toBeUndefined();
  });

  it.each([['sagaId'], ['sagaType'], ['status']])('rejects a blank %s', (field) => {
    expect(caughtError(() => prepareSagaSave({ ...update, [field]: ' ' }, 0))).toMatchObject({
      code: 'VALIDATION',
      field,
    });
  });

  it.each([[-1], [1.5], [Number.NaN], [2 ** 53]])('rejects the expected version %d', (expectedVersion) => {
    expect(caughtError(() => prepareSagaSave(update, expectedVersion))).toMatchObject({ field: 'expectedVersion' });
  });

  it('rejects a lease without an owner', () => {
    const lease = { owner: '', expiresAt: '2030-01-01T00:00:00Z' };

    expect(caughtError(() => prepareSagaSave({ ...update, lease }, 0))).toMatchObject({ field: 'lease.owner' });
  });

  it('rejects a lease whose expiry is not an ISO 8601 time', () => {
    const lease = { owner: 'worker-a', expiresAt: 'soon' };

    expect(caughtError(() => prepareSagaSave({ ...update, lease }, 0))).toMatchObject({ field: 'lease.expiresAt' });
  });

  it('rejects a state that cannot round-trip through JSON', () => {
    const state: Record<string, unknown> = {};
    state.self = state;

    expect(caughtError(() => prepareSagaSave({ ...update, state }, 0))).toBeInstanceOf(SerializationError);
  });
});
