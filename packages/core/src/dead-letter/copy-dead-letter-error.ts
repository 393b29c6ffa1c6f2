import type { DeadLetterError } from './dead-letter';
import { toDeadLetterError } from './to-dead-letter-error';

/**
 * A frozen copy of a letter's error with only its known fields, in their order (`name` defaults to
 * `Error`); an `Error` instance given in its place is turned into data by {@link toDeadLetterError}.
 * Dead-letter queues call it on what they store and on what they read back.
 *
 * @example
 * const stored = { ...letter, error: copyDeadLetterError(letter.error) };
 */
export function copyDeadLetterError(error: DeadLetterError): DeadLetterError {
  if (error instanceof Error) return toDeadLetterError(error);
  return Object.freeze({
    name: typeof error.name === 'string' ? error.name : 'Error',
    message: error.message,
    ...(typeof error.stack === 'string' ? { stack: error.stack } : {}),
    ...(typeof error.code === 'string' ? { code: error.code } : {}),
  });
}
