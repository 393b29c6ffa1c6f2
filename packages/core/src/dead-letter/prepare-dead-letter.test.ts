import { describe, expect, it } from 'vitest';
import { caughtError } from '../internal/caught-error';
import { defineEvent } from '../messages/define-message';
import type { NewDeadLetter } from './dead-letter-queue';
import { prepareDeadLetter } from './prepare-dead-letter';

const OrderPlaced = defineEvent('OrderPlaced');
const letter: NewDeadLetter = {
  message: OrderPlaced(),
  handlerName: 'billing',
  attempts: 3,
  error: { name: 'TimeoutError', message: 'late' },
  failedAt: '2030-01-01T01:00:00+01:00',
};

describe('prepareDeadLetter', () => {
  it('returns the letter frozen, with a new id, its error copied and failedAt as ISO 8601 UTC', () => {
    const prepared = prepareDeadLetter(letter);

    expect(prepared).toEqual({ ...letter, id: expect.any(String), failedAt: '2030-01-01T00:00:00.000Z' });
    expect(prepared.message).toBe(letter.message);
    expect(Object.isFrozen(prepared)).toBe(true);
  });

  it('keeps the id it was given', () => {
    expect(prepareDeadLetter({ ...letter, id: 'letter-1' }).id).toBe('letter-1');
  });

  it.each([
    ['message', { message: undefined }],
    ['handlerName', { handlerName: ' ' }],
    ['attempts', { attempts: 0 }],
    ['attempts', { attempts: 2_147_483_648 }],
    ['failedAt', { failedAt: 'yesterday' }],
    ['error', { error: { name: 'Error' } }],
    ['id', { id: '' }],
  ])('rejects a bad %s', (field, change) => {
    const bad = { ...letter, ...change } as unknown as NewDeadLetter;

    expect(caughtError(() => prepareDeadLetter(bad))).toMatchObject({ code: 'VALIDATION', field });
  });

  it('rejects a letter that is not an object', () => {
    expect(caughtError(() => prepareDeadLetter(null as unknown as NewDeadLetter))).toMatchObject({ field: 'letter' });
  });
});
