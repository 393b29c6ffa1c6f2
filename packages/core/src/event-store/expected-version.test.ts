import { describe, expect, it } from 'vitest';
import { ConcurrencyError } from '../errors/concurrency-error';
import { ValidationError } from '../errors/validation-error';
import { caughtError } from '../internal/caught-error';
import type { ExpectedVersion } from './event-store';
import { assertExpectedVersion, matchesExpectedVersion, validateExpectedVersion } from './expected-version';

const decisions: [ExpectedVersion, number, boolean][] = [
  ['any', 0, true],
  ['any', 3, true],
  ['no_stream', 0, true],
  ['no_stream', 1, false],
  ['stream_exists', 0, false],
  ['stream_exists', 1, true],
  ['stream_exists', 7, true],
  [0, 0, true],
  [0, 1, false],
  [3, 3, true],
  [2, 3, false],
  [4, 3, false],
];

describe('matchesExpectedVersion', () => {
  it.each(decisions)('decides expected %o against actual version %i as %s', (expectedVersion, actual, matches) => {
    const result = matchesExpectedVersion(expectedVersion, actual);

    expect(result).toBe(matches);
  });
});

describe('assertExpectedVersion', () => {
  it.each(decisions.filter(([, , matches]) => matches))(
    'accepts expected %o at actual version %i',
    (expected, actual) => {
      expect(() => assertExpectedVersion('order-1', expected, actual)).not.toThrow();
    },
  );

  it.each(decisions.filter(([, , matches]) => !matches))(
    'rejects expected %o at actual version %i with a ConcurrencyError',
    (expectedVersion, actualVersion) => {
      const error = caughtError(() => assertExpectedVersion('order-1', expectedVersion, actualVersion));

      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({ code: 'CONCURRENCY', streamId: 'order-1', expectedVersion, actualVersion });
    },
  );
});

describe('validateExpectedVersion', () => {
  it.each([0, 1, 42, Number.MAX_SAFE_INTEGER, 'any', 'no_stream', 'stream_exists'])('accepts %o', (value) => {
    expect(() => validateExpectedVersion(value)).not.toThrow();
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '3', 2 ** 53, 'latest', null, undefined, 3n])(
    'rejects %o with a ValidationError naming expectedVersion',
    (value) => {
      const error = caughtError(() => validateExpectedVersion(value));

      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ field: 'expectedVersion' });
      expect(Object.is((error as ValidationError).value, value)).toBe(true);
    },
  );
});
