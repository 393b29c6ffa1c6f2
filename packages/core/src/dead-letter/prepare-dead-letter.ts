import { ValidationError } from '../errors/validation-error';
import { validateText } from '../internal/validate-text';
import { uuidv7 } from '../messages/uuid-v7';
import { copyDeadLetterError } from './copy-dead-letter-error';
import type { DeadLetter } from './dead-letter';
import type { NewDeadLetter } from './dead-letter-queue';

// PostgreSQL's int4, which holds a letter's attempts.
const MAX_ATTEMPTS = 2_147_483_647;

function requireLetter(letter: NewDeadLetter): void {
  if (typeof letter !== 'object' || letter === null) {
    throw new ValidationError(
      'letter',
      letter,
      'letter must be an object: { message, handlerName, attempts, error, failedAt }',
    );
  }
  if (typeof letter.message !== 'object' || letter.message === null || typeof letter.message.type !== 'string') {
    throw new ValidationError('message', letter.message, 'message must be the message that failed');
  }
  validateText(letter.handlerName, 'handlerName');
  if (!Number.isSafeInteger(letter.attempts) || letter.attempts < 1 || letter.attempts > MAX_ATTEMPTS) {
    throw new ValidationError('attempts', letter.attempts, 'attempts must be a whole number of at least 1');
  }
  if (typeof letter.failedAt !== 'string' || Number.isNaN(Date.parse(letter.failedAt))) {
    throw new ValidationError('failedAt', letter.failedAt, 'failedAt must be an ISO 8601 time');
  }
  if (typeof letter.error !== 'object' || letter.error === null || typeof letter.error.message !== 'string') {
    throw new ValidationError('error', letter.error, 'error must be { name, message, stack?, code? }');
  }
  if (letter.id !== undefined && (typeof letter.id !== 'string' || letter.id.trim() === '')) {
    throw new ValidationError('id', letter.id, 'id cannot be empty: leave it out to have one assigned');
  }
}

/**
 * Checks a letter for {@link DeadLetterQueue.enqueue} and returns it as the queue stores it, frozen: its
 * own `id` or a new UUID v7, the message as given, the error through {@link copyDeadLetterError} and
 * `failedAt` as ISO 8601 UTC. Every queue calls it, so all accept and reject the same letters.
 *
 * @throws {@link ValidationError} when the letter lacks a message, handler name, attempts (a whole number
 * from 1 to 2147483647), error or time, or its `id` is empty.
 * @example
 * const stored = prepareDeadLetter(letter);
 */
export function prepareDeadLetter(letter: NewDeadLetter): DeadLetter {
  requireLetter(letter);
  return Object.freeze({
    id: letter.id ?? uuidv7(),
    message: letter.message,
    handlerName: letter.handlerName,
    attempts: letter.attempts,
    error: copyDeadLetterError(letter.error),
    failedAt: new Date(letter.failedAt).toISOString(),
  });
}
