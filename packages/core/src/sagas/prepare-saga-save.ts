import { ValidationError } from '../errors/validation-error';
import { validateText } from '../internal/validate-text';
import { normalizeJson } from '../serialization/json-codec';
import type { JsonValue } from '../serialization/json-value';
import type { SagaLease, SagaStateUpdate } from './saga-state-store';

/** A save that passed every check of {@link prepareSagaSave}: what a saga state store writes. */
export interface PreparedSagaSave {
  /** The state through the JSON codec (§9), frozen. */
  readonly state: JsonValue;
  /** The lease to hold, frozen, `expiresAt` as ISO 8601 UTC; `null` releases it; `undefined` keeps it. */
  readonly lease: SagaLease | null | undefined;
}

function copyLease(lease: SagaLease): SagaLease {
  validateText(lease?.owner, 'lease.owner');
  const expiresAtMs = typeof lease.expiresAt === 'string' ? Date.parse(lease.expiresAt) : Number.NaN;
  if (Number.isNaN(expiresAtMs)) {
    throw new ValidationError('lease.expiresAt', lease.expiresAt, 'lease.expiresAt must be an ISO 8601 time');
  }
  return Object.freeze({ owner: lease.owner, expiresAt: new Date(expiresAtMs).toISOString() });
}

/**
 * Checks a save of {@link SagaStateStore.save} before anything is stored: a non-blank `sagaId`,
 * `sagaType` and `status`, an `expectedVersion` that is a whole number of at least 0, a state that
 * round-trips through JSON and a lease with an owner and an ISO 8601 expiry. Every saga state store calls
 * it, so all accept and reject the same saves.
 *
 * @throws {@link ValidationError} when an id, type, status, lease or `expectedVersion` is not usable.
 * @throws {@link SerializationError} when the state cannot round-trip through JSON.
 * @example
 * const { state, lease } = prepareSagaSave(update, expectedVersion);
 */
export function prepareSagaSave(update: SagaStateUpdate, expectedVersion: number): PreparedSagaSave {
  validateText(update.sagaId, 'sagaId');
  validateText(update.sagaType, 'sagaType');
  validateText(update.status, 'status');
  if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0) {
    throw new ValidationError(
      'expectedVersion',
      expectedVersion,
      'expectedVersion must be a whole number of at least 0',
    );
  }
  const state = normalizeJson(update.state, 'state');
  const lease = update.lease === undefined || update.lease === null ? update.lease : copyLease(update.lease);
  return Object.freeze({ state, lease });
}
