import { validateLimit } from '../internal/validate-limit';
import type { SagaStateFilter } from './saga-state-store';

/**
 * Checks a filter of {@link SagaStateStore.list}: its `limit`, if given, is a whole number of at least 0.
 *
 * @throws {@link ValidationError} with field `limit`.
 * @example
 * validateSagaStateFilter(filter);
 */
export function validateSagaStateFilter(filter: SagaStateFilter): void {
  validateLimit(filter.limit);
}
