import type { SagaLease, SagaStateUpdate } from '@orchestrix/core';

/** A lease that ran out long ago, whatever clock the store uses. */
export const EXPIRED_LEASE: SagaLease = Object.freeze({
  owner: 'crashed-worker',
  expiresAt: '2000-01-01T00:00:00.000Z',
});

/** A lease that will not run out during a test, whatever clock the store uses. */
export const LIVE_LEASE: SagaLease = Object.freeze({ owner: 'live-worker', expiresAt: '2999-01-01T00:00:00.000Z' });

/** An update for saga `sagaId` of type `OrderSaga` in `status` (default `running`). */
export function sagaUpdate(sagaId: string, overrides: Partial<SagaStateUpdate> = {}): SagaStateUpdate {
  return {
    sagaId,
    sagaType: 'OrderSaga',
    status: 'running',
    state: { input: { orderId: sagaId }, steps: [{ name: 'payment', status: 'running', attempts: 1 }] },
    ...overrides,
  };
}
