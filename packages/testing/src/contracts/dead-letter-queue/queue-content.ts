import type { DeadLetterQueue } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { isDeeplyFrozen } from '../../internal/is-deeply-frozen';
import { newLetter, PaymentReceived, RefundIssued } from './contract-letters';

async function enqueueThree(queue: DeadLetterQueue): Promise<string[]> {
  const letters = [newLetter('billing', 1), newLetter('email', 2, RefundIssued), newLetter('billing', 3, RefundIssued)];
  const stored = [];
  for (const letter of letters) stored.push(await queue.enqueue(letter));
  return stored.map((letter) => letter.id);
}

/** Registers the tests of storing, listing, counting, getting and removing letters. */
export function describeQueueContent(queue: () => DeadLetterQueue): void {
  describe('queue content', () => {
    it('assigns each enqueued letter its own id, even for one message', async () => {
      const letter = newLetter('billing', 1);

      const first = await queue().enqueue(letter);
      const second = await queue().enqueue({ ...letter, handlerName: 'email' });

      expect(first.id).toEqual(expect.any(String));
      expect(first.id).not.toBe(second.id);
    });

    it('hands back the letter it stored as plain, deeply frozen data', async () => {
      const letter = newLetter('billing', 1);

      const stored = await queue().enqueue(letter);

      expect(stored).toEqual({ ...letter, id: stored.id });
      expect(await queue().get(stored.id)).toEqual(stored);
      expect(isDeeplyFrozen(await queue().get(stored.id))).toBe(true);
    });

    it('keeps a stored letter unchanged when the caller mutates its object', async () => {
      const error = { name: 'TypeError', message: 'card declined' };
      const letter = { ...newLetter('billing', 1), error };
      const stored = await queue().enqueue(letter);

      error.message = 'tampered';

      expect((await queue().get(stored.id))?.error).toEqual({ name: 'TypeError', message: 'card declined' });
    });

    it('gets undefined for an unknown id', async () => {
      expect(await queue().get('letter-404')).toBeUndefined();
    });

    it('lists letters oldest first', async () => {
      const ids = await enqueueThree(queue());

      expect((await queue().list()).map((letter) => letter.id)).toEqual(ids);
    });

    it("lists one handler's letters", async () => {
      const ids = await enqueueThree(queue());

      const letters = await queue().list({ handlerName: 'billing' });

      expect(letters.map((letter) => letter.id)).toEqual([ids[0], ids[2]]);
    });

    it("lists one message type's letters", async () => {
      const ids = await enqueueThree(queue());

      const letters = await queue().list({ messageType: RefundIssued.type });

      expect(letters.map((letter) => letter.id)).toEqual([ids[1], ids[2]]);
    });

    it('lists at most limit letters, the oldest first', async () => {
      const ids = await enqueueThree(queue());

      const letters = await queue().list({ limit: 2 });

      expect(letters.map((letter) => letter.id)).toEqual(ids.slice(0, 2));
    });

    it('counts letters, all or by handler and message type', async () => {
      await enqueueThree(queue());

      expect(await queue().count()).toBe(3);
      expect(await queue().count({ handlerName: 'billing' })).toBe(2);
      expect(await queue().count({ messageType: PaymentReceived.type })).toBe(1);
      expect(await queue().count({ handlerName: 'email', messageType: PaymentReceived.type })).toBe(0);
    });

    it('removes a letter and reports whether it existed', async () => {
      const [first, second] = await enqueueThree(queue());

      expect(await queue().remove(first ?? '')).toBe(true);
      expect(await queue().remove(first ?? '')).toBe(false);
      expect((await queue().list()).map((letter) => letter.id)).not.toContain(first);
      expect(await queue().get(second ?? '')).toBeDefined();
    });

    it('clears every letter', async () => {
      await enqueueThree(queue());

      await queue().clear();

      expect(await queue().count()).toBe(0);
      expect(await queue().list()).toEqual([]);
    });
  });
}
