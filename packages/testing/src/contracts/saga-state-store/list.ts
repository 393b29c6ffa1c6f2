import type { SagaStateStore } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { sagaUpdate } from './contract-sagas';

async function saveThree(sagas: SagaStateStore): Promise<void> {
  await sagas.save(sagaUpdate('saga-1'), 0);
  await sagas.save(sagaUpdate('saga-2', { sagaType: 'RefundSaga', status: 'compensating' }), 0);
  await sagas.save(sagaUpdate('saga-3', { status: 'completed' }), 0);
}

/** Registers the tests of `list` and its filters. */
export function describeList(sagas: () => SagaStateStore): void {
  describe('list', () => {
    it('lists sagas oldest update first', async () => {
      await saveThree(sagas());

      await sagas().save(sagaUpdate('saga-1', { status: 'completed' }), 1);

      expect((await sagas().list()).map((record) => record.sagaId)).toEqual(['saga-2', 'saga-3', 'saga-1']);
    });

    it('lists sagas in the given statuses', async () => {
      await saveThree(sagas());

      const records = await sagas().list({ statuses: ['running', 'compensating'] });

      expect(records.map((record) => record.sagaId)).toEqual(['saga-1', 'saga-2']);
    });

    it('lists sagas of one type', async () => {
      await saveThree(sagas());

      const records = await sagas().list({ sagaType: 'RefundSaga' });

      expect(records.map((record) => record.sagaId)).toEqual(['saga-2']);
    });

    it('lists at most limit sagas', async () => {
      await saveThree(sagas());

      const records = await sagas().list({ limit: 2 });

      expect(records.map((record) => record.sagaId)).toEqual(['saga-1', 'saga-2']);
    });
  });
}
