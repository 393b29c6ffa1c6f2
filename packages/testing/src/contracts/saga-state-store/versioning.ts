import { ConcurrencyError, type SagaStateStore, SerializationError } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { catchError } from '../../internal/catch-error';
import { isDeeplyFrozen } from '../../internal/is-deeply-frozen';
import { settle } from '../../internal/settle';
import { sagaUpdate } from './contract-sagas';

const WRITERS = 8;

/** Registers the tests of saving and loading saga state with optimistic versions. */
export function describeVersioning(sagas: () => SagaStateStore): void {
  describe('versioned state', () => {
    it('loads undefined for a saga never saved', async () => {
      expect(await sagas().load('saga-404')).toBeUndefined();
    });

    it('creates version 1 when saved with expected version 0', async () => {
      const update = sagaUpdate('saga-1');

      const record = await sagas().save(update, 0);

      expect(record).toMatchObject({ ...update, version: 1 });
      expect(Number.isNaN(Date.parse(record.updatedAt))).toBe(false);
      expect(await sagas().load('saga-1')).toEqual(record);
    });

    it('increments the version with each save', async () => {
      await sagas().save(sagaUpdate('saga-1'), 0);

      const record = await sagas().save(sagaUpdate('saga-1', { status: 'completed' }), 1);

      expect(record).toMatchObject({ version: 2, status: 'completed' });
      expect(await sagas().load('saga-1')).toMatchObject({ version: 2, status: 'completed' });
    });

    it('refuses a stale expected version with ConcurrencyError and keeps the stored record', async () => {
      await sagas().save(sagaUpdate('saga-1'), 0);
      const current = await sagas().save(sagaUpdate('saga-1', { status: 'compensating' }), 1);

      const error = await catchError(() => sagas().save(sagaUpdate('saga-1', { status: 'completed' }), 1));

      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(await sagas().load('saga-1')).toEqual(current);
    });

    it('refuses expected version 0 for a saga that exists with ConcurrencyError', async () => {
      await sagas().save(sagaUpdate('saga-1'), 0);

      expect(await catchError(() => sagas().save(sagaUpdate('saga-1'), 0))).toBeInstanceOf(ConcurrencyError);
    });

    it('refuses an expected version above 0 for a saga never saved with ConcurrencyError', async () => {
      expect(await catchError(() => sagas().save(sagaUpdate('saga-1'), 2))).toBeInstanceOf(ConcurrencyError);
      expect(await sagas().load('saga-1')).toBeUndefined();
    });

    it(`lets exactly one of ${WRITERS} concurrent saves with the same expected version win`, async () => {
      await sagas().save(sagaUpdate('saga-1'), 0);

      const { fulfilled, rejected } = await settle(
        Array.from({ length: WRITERS }, (_, writer) => sagas().save(sagaUpdate('saga-1', { status: `s${writer}` }), 1)),
      );

      expect(fulfilled).toHaveLength(1);
      for (const reason of rejected) expect(reason).toBeInstanceOf(ConcurrencyError);
      expect(await sagas().load('saga-1')).toEqual(fulfilled[0]);
    });

    it('hands back the record deeply frozen, its state as the codec encodes it', async () => {
      const startedAt = new Date('2026-05-06T07:08:09.010Z');

      const record = await sagas().save(sagaUpdate('saga-1', { state: { startedAt, amount: 12n } }), 0);

      expect(record.state).toEqual({ startedAt: startedAt.toISOString(), amount: '12' });
      expect(isDeeplyFrozen(record)).toBe(true);
      expect(isDeeplyFrozen(await sagas().load('saga-1'))).toBe(true);
    });

    it('keeps the stored state unchanged when the caller mutates its state object', async () => {
      const state = { steps: [{ name: 'payment' }] };
      await sagas().save(sagaUpdate('saga-1', { state }), 0);

      state.steps.push({ name: 'inventory' });

      expect((await sagas().load('saga-1'))?.state).toEqual({ steps: [{ name: 'payment' }] });
    });

    it('refuses state that cannot round-trip with SerializationError, storing nothing', async () => {
      const error = await catchError(() => sagas().save(sagaUpdate('saga-1', { state: { amount: Number.NaN } }), 0));

      expect(error).toBeInstanceOf(SerializationError);
      expect(await sagas().load('saga-1')).toBeUndefined();
    });

    it('keeps the stored record when an update holds state that cannot round-trip', async () => {
      const stored = await sagas().save(sagaUpdate('saga-1'), 0);

      const error = await catchError(() => sagas().save(sagaUpdate('saga-1', { state: { run: () => 1 } }), 1));

      expect(error).toBeInstanceOf(SerializationError);
      expect(await sagas().load('saga-1')).toEqual(stored);
    });
  });
}
