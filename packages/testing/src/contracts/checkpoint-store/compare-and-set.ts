import { type CheckpointStore, ConcurrencyError } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { catchError } from '../../internal/catch-error';
import { settle } from '../../internal/settle';

const WRITERS = 8;

/** Registers the tests of `load` and the compare-and-set `store`. */
export function describeCompareAndSet(checkpoints: () => CheckpointStore): void {
  describe('compare-and-set', () => {
    it('loads 0n for a name that was never stored', async () => {
      expect(await checkpoints().load('orders-view')).toBe(0n);
    });

    it('stores a position when the expected one matches', async () => {
      await checkpoints().store('orders-view', 5n, 0n);

      await checkpoints().store('orders-view', 9n, 5n);

      expect(await checkpoints().load('orders-view')).toBe(9n);
    });

    it('keeps the checkpoints of different names apart', async () => {
      await checkpoints().store('orders-view', 5n, 0n);

      await checkpoints().store('invoices-view', 7n, 0n);

      expect(await checkpoints().load('orders-view')).toBe(5n);
      expect(await checkpoints().load('invoices-view')).toBe(7n);
    });

    it('keeps positions beyond 2^53 exactly', async () => {
      const position = 2n ** 62n + 1n;

      await checkpoints().store('orders-view', position, 0n);

      expect(await checkpoints().load('orders-view')).toBe(position);
    });

    it('refuses a stale expected position with ConcurrencyError and keeps the stored one', async () => {
      await checkpoints().store('orders-view', 5n, 0n);

      const error = await catchError(() => checkpoints().store('orders-view', 9n, 3n));

      expect(error).toBeInstanceOf(ConcurrencyError);
      // The runner tells a lost checkpoint race from a handler's failure by these fields.
      expect(error).toMatchObject({ subject: 'checkpoint', streamId: 'orders-view' });
      expect(await checkpoints().load('orders-view')).toBe(5n);
    });

    it('refuses a first store whose expected position is not 0n with ConcurrencyError', async () => {
      const error = await catchError(() => checkpoints().store('orders-view', 9n, 4n));

      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(await checkpoints().load('orders-view')).toBe(0n);
    });

    it(`lets exactly one of ${WRITERS} concurrent writers with the same expected position win`, async () => {
      await checkpoints().store('orders-view', 5n, 0n);

      const { fulfilled, rejected } = await settle(
        Array.from({ length: WRITERS }, (_, writer) => checkpoints().store('orders-view', BigInt(10 + writer), 5n)),
      );

      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(WRITERS - 1);
      for (const reason of rejected) expect(reason).toBeInstanceOf(ConcurrencyError);
      const stored = await checkpoints().load('orders-view');
      expect(stored >= 10n && stored < BigInt(10 + WRITERS)).toBe(true);
    });

    it('commits the work and the checkpoint together, or neither, when it offers withTransaction', async (context) => {
      const subject = checkpoints();
      if (subject.withTransaction === undefined) {
        context.skip('this store does not offer withTransaction');
        return;
      }
      expect(await subject.withTransaction('orders-view', 0n, 5n, async () => 'done')).toBe('done');
      expect(await subject.load('orders-view')).toBe(5n);

      const failure = new Error('read model refused the row');
      const thrown = await catchError(() =>
        subject.withTransaction?.('orders-view', 5n, 9n, async () => {
          throw failure;
        }),
      );
      expect(thrown).toBe(failure);
      expect(await subject.load('orders-view')).toBe(5n);

      const stale = await catchError(() => subject.withTransaction?.('orders-view', 3n, 9n, async () => 'late'));
      expect(stale).toBeInstanceOf(ConcurrencyError);
      expect(stale).toMatchObject({ subject: 'checkpoint', streamId: 'orders-view' });
      expect(await subject.load('orders-view')).toBe(5n);
    });
  });
}
