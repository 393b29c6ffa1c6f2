import type { DeadLetterQueue } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { isDeeplyFrozen } from '../../internal/is-deeply-frozen';
import { newLetter } from './contract-letters';
import { RecordingRedriveTarget } from './recording-redrive-target';

/** Registers the tests of `redrive`: each letter goes to its own handler; successes leave the queue. */
export function describeRedrive(queue: () => DeadLetterQueue): void {
  describe('redrive', () => {
    it('delivers each letter to its own handler only', async () => {
      const letter = newLetter('billing', 1);
      await queue().enqueue(letter);
      await queue().enqueue({ ...newLetter('email', 2), message: letter.message });
      const target = new RecordingRedriveTarget();

      await queue().redrive(target);

      expect([...target.deliveries].sort((left, right) => left.handlerName.localeCompare(right.handlerName))).toEqual([
        { handlerName: 'billing', messageId: letter.message.id },
        { handlerName: 'email', messageId: letter.message.id },
      ]);
    });

    it('removes the letters whose redelivery succeeds and reports the counts', async () => {
      await queue().enqueue(newLetter('billing', 1));
      const failing = await queue().enqueue(newLetter('email', 2));

      const result = await queue().redrive(new RecordingRedriveTarget(['email']));

      expect(result).toEqual({ succeeded: 1, failed: 1 });
      expect((await queue().list()).map((letter) => letter.id)).toEqual([failing.id]);
    });

    it('keeps a failing letter with its attempts increased and the new error, as frozen data', async () => {
      const failing = await queue().enqueue(newLetter('email', 2));

      await queue().redrive(new RecordingRedriveTarget(['email']));

      const kept = await queue().get(failing.id);
      expect(kept).toMatchObject({ handlerName: 'email', attempts: failing.attempts + 1, message: failing.message });
      expect(kept?.error.name).toBe('StillFailingError');
      expect(isDeeplyFrozen(kept)).toBe(true);
    });

    it('redrives only the letters the filter selects', async () => {
      await queue().enqueue(newLetter('billing', 1));
      const other = await queue().enqueue(newLetter('email', 2));
      const target = new RecordingRedriveTarget();

      const result = await queue().redrive(target, { handlerName: 'billing' });

      expect(result).toEqual({ succeeded: 1, failed: 0 });
      expect(target.deliveries.map((delivery) => delivery.handlerName)).toEqual(['billing']);
      expect((await queue().list()).map((letter) => letter.id)).toEqual([other.id]);
    });

    it('reports nothing done for an empty queue', async () => {
      expect(await queue().redrive(new RecordingRedriveTarget())).toEqual({ succeeded: 0, failed: 0 });
    });
  });
}
