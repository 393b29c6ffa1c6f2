import { describe, expect, it } from 'vitest';
import { HandlerError } from '../errors/handler-error';
import { defineEvent } from '../messages/define-message';
import type { Message } from '../messages/message';
import type { DeadLetter, DeadLetterError } from './dead-letter';
import type { RedriveTarget } from './dead-letter-queue';
import { type RedriveOutcomes, redriveLetters } from './redrive-letters';

const OrderPlaced = defineEvent('OrderPlaced');

function letterFor(handlerName: string): DeadLetter {
  return Object.freeze({
    id: `letter-${handlerName}`,
    message: OrderPlaced(),
    handlerName,
    attempts: 1,
    error: { name: 'Error', message: 'first failure' },
    failedAt: '2030-01-01T00:00:00.000Z',
  });
}

/** A target whose `failing` handlers throw as a bus does: wrapped in a HandlerError. */
function targetFailing(...failing: string[]): RedriveTarget & { delivered: string[] } {
  const delivered: string[] = [];
  return {
    delivered,
    async deliverTo(handlerName: string, message: Message): Promise<void> {
      delivered.push(handlerName);
      if (failing.includes(handlerName)) {
        throw new HandlerError(message.type, [{ handlerName, error: new RangeError('still failing') }]);
      }
    },
  };
}

function recordingOutcomes(): RedriveOutcomes & { removed: string[]; failures: [string, DeadLetterError][] } {
  const removed: string[] = [];
  const failures: [string, DeadLetterError][] = [];
  return {
    removed,
    failures,
    removeDelivered: async (letter) => {
      removed.push(letter.id);
    },
    recordFailure: async (letter, error) => {
      failures.push([letter.id, error]);
    },
  };
}

describe('redriveLetters', () => {
  it('delivers each letter to its own handler, in order', async () => {
    const target = targetFailing();

    await redriveLetters([letterFor('billing'), letterFor('email')], target, recordingOutcomes());

    expect(target.delivered).toEqual(['billing', 'email']);
  });

  it('removes the delivered letters and reports the counts, frozen', async () => {
    const outcomes = recordingOutcomes();

    const result = await redriveLetters([letterFor('billing'), letterFor('email')], targetFailing('email'), outcomes);

    expect(result).toEqual({ succeeded: 1, failed: 1 });
    expect(Object.isFrozen(result)).toBe(true);
    expect(outcomes.removed).toEqual(['letter-billing']);
  });

  it("records a failure with the handler's own error, not the bus's HandlerError", async () => {
    const outcomes = recordingOutcomes();

    await redriveLetters([letterFor('email')], targetFailing('email'), outcomes);

    expect(outcomes.failures).toEqual([['letter-email', expect.objectContaining({ name: 'RangeError' })]]);
  });
});
