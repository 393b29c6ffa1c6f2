import { ConcurrencyError } from '../errors/concurrency-error';
import { ValidationError } from '../errors/validation-error';
import type { ExpectedVersion } from './event-store';

/**
 * Checks that `expectedVersion` is a valid value: a non-negative safe integer or one of the named modes.
 *
 * @throws {@link ValidationError} otherwise, before any I/O.
 */
export function validateExpectedVersion(expectedVersion: unknown): asserts expectedVersion is ExpectedVersion {
  if (expectedVersion === 'any' || expectedVersion === 'no_stream' || expectedVersion === 'stream_exists') return;
  if (typeof expectedVersion === 'number' && Number.isSafeInteger(expectedVersion) && expectedVersion >= 0) return;
  throw new ValidationError(
    'expectedVersion',
    expectedVersion,
    "expectedVersion must be a non-negative integer or one of: 'any', 'no_stream', 'stream_exists'",
  );
}

/** `true` when a stream at `actualVersion` satisfies `expectedVersion`. */
export function matchesExpectedVersion(expectedVersion: ExpectedVersion, actualVersion: number): boolean {
  switch (expectedVersion) {
    case 'any':
      return true;
    case 'no_stream':
      return actualVersion === 0;
    case 'stream_exists':
      return actualVersion > 0;
    default:
      return actualVersion === expectedVersion;
  }
}

/**
 * The one expected-version decision every store calls, while it holds the stream's lock.
 *
 * @throws {@link ConcurrencyError} with the actual version when it does not match.
 */
export function assertExpectedVersion(streamId: string, expectedVersion: ExpectedVersion, actualVersion: number): void {
  if (!matchesExpectedVersion(expectedVersion, actualVersion)) {
    throw new ConcurrencyError(streamId, expectedVersion, actualVersion);
  }
}
