import { validateLimit } from '../internal/validate-limit';
import type { DeadLetterFilter } from './dead-letter-queue';

/**
 * Checks a filter of {@link DeadLetterQueue.list} and `redrive`: its `limit`, if given, is a whole number
 * of at least 0.
 *
 * @throws {@link ValidationError} with field `limit`.
 * @example
 * validateDeadLetterFilter(filter);
 */
export function validateDeadLetterFilter(filter: DeadLetterFilter): void {
  validateLimit(filter.limit);
}
