import { describe, expect, it } from 'vitest';
import { copyDeadLetterError } from './copy-dead-letter-error';
import type { DeadLetterError } from './dead-letter';

describe('copyDeadLetterError', () => {
  it('keeps only the known fields, frozen', () => {
    const error = { name: 'TimeoutError', message: 'late', code: 'TIMEOUT', extra: 'dropped' } as DeadLetterError;

    const copy = copyDeadLetterError(error);

    expect(copy).toEqual({ name: 'TimeoutError', message: 'late', code: 'TIMEOUT' });
    expect(Object.isFrozen(copy)).toBe(true);
  });

  it('names an error without a name Error', () => {
    expect(copyDeadLetterError({ message: 'late' } as DeadLetterError)).toEqual({ name: 'Error', message: 'late' });
  });

  it('turns an Error instance given in its place into data', () => {
    const copy = copyDeadLetterError(new RangeError('out of range'));

    expect(copy).not.toBeInstanceOf(Error);
    expect(copy).toMatchObject({ name: 'RangeError', message: 'out of range' });
  });
});
