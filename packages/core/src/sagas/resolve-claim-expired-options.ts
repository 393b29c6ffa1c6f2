import { validateLimit } from '../internal/validate-limit';
import { validateText } from '../internal/validate-text';
import { validateLeaseMs } from '../validation/validate-lease-ms';
import type { ClaimExpiredOptions } from './saga-state-store';

/** {@link ClaimExpiredOptions} checked, with `limit` filled in. */
export interface ResolvedClaimExpiredOptions extends ClaimExpiredOptions {
  readonly limit: number;
}

const DEFAULT_CLAIM_LIMIT = 100;

/**
 * Checks the options of {@link SagaStateStore.claimExpired} (a non-blank `owner`, a positive `leaseMs`, a
 * `limit` that is a whole number of at least 0) and fills in the default `limit` of 100.
 *
 * @throws {@link ValidationError} when `owner` is empty, `leaseMs` not positive or `limit` negative.
 * @example
 * const { owner, leaseMs, statuses, sagaTypes, limit } = resolveClaimExpiredOptions(options);
 */
export function resolveClaimExpiredOptions(options: ClaimExpiredOptions): ResolvedClaimExpiredOptions {
  const { owner, leaseMs, limit = DEFAULT_CLAIM_LIMIT } = options;
  validateText(owner, 'owner');
  validateLeaseMs(leaseMs);
  validateLimit(limit);
  return Object.freeze({ ...options, limit });
}
