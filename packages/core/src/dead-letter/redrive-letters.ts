import type { DeadLetter, DeadLetterError } from './dead-letter';
import type { RedriveResult, RedriveTarget } from './dead-letter-queue';
import { toDeadLetterError } from './to-dead-letter-error';

/** How a queue keeps the outcome of redriving one letter, for {@link redriveLetters}. */
export interface RedriveOutcomes {
  /** Removes a letter whose redelivery succeeded. */
  removeDelivered(letter: DeadLetter): Promise<void>;
  /**
   * Keeps a letter whose redelivery failed in place, with `attempts` increased by one, `error` and a new
   * `failedAt`; a letter removed meanwhile stays removed.
   */
  recordFailure(letter: DeadLetter, error: DeadLetterError): Promise<void>;
}

/**
 * The redrive of {@link DeadLetterQueue.redrive}: delivers each of `letters`, in order and one at a time,
 * again through `target.deliverTo(letter.handlerName, letter.message)`, one attempt each, then removes it
 * or records the failure. A bus wraps the handler's error in a {@link HandlerError}: the letter keeps the
 * handler's own. Every queue calls it, so all redrive alike.
 *
 * @returns How many letters were delivered and how many failed again, frozen.
 * @throws whatever `outcomes` throws, after the letters before it were redriven.
 * @example
 * return redriveLetters(await this.list(filter), target, { removeDelivered, recordFailure });
 */
export async function redriveLetters(
  letters: readonly DeadLetter[],
  target: RedriveTarget,
  outcomes: RedriveOutcomes,
): Promise<RedriveResult> {
  let succeeded = 0;
  let failed = 0;
  for (const letter of letters) {
    try {
      await target.deliverTo(letter.handlerName, letter.message);
    } catch (thrown) {
      failed += 1;
      await outcomes.recordFailure(letter, toDeadLetterError(thrown, { unwrapHandlerError: true }));
      continue;
    }
    succeeded += 1;
    await outcomes.removeDelivered(letter);
  }
  return Object.freeze({ succeeded, failed });
}
