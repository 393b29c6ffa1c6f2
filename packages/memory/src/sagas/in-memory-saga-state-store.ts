import {
  type ClaimExpiredOptions,
  type Clock,
  ConcurrencyError,
  prepareSagaSave,
  resolveClaimExpiredOptions,
  type SagaLease,
  type SagaStateFilter,
  type SagaStateRecord,
  type SagaStateStore,
  type SagaStateUpdate,
  systemClock,
  validateLeaseMs,
  validateSagaStateFilter,
} from '@orchestrix/core';

/** Options of {@link InMemorySagaStateStore}. */
export interface InMemorySagaStateStoreOptions {
  /** Where `updatedAt` and lease expiry are read; default `systemClock`. */
  readonly clock?: Clock;
}

function isExpired(record: SagaStateRecord, nowMs: number): boolean {
  return record.lease === undefined || Date.parse(record.lease.expiresAt) <= nowMs;
}

/** `record` with `lease` in place of its current one. */
function withLease(record: SagaStateRecord, lease: SagaLease): SagaStateRecord {
  return Object.freeze({ ...record, lease });
}

/**
 * A {@link SagaStateStore} in one process's memory. Each save checks the expected version and stores the
 * state through the JSON codec (§9), so it accepts and rejects exactly what PostgreSQL does; records are
 * frozen. A claim happens in one synchronous step, so concurrent claimers never get the same saga. A
 * lease is expired from its `expiresAt` on, as the `clock` tells it.
 *
 * @example
 * const stateStore = new InMemorySagaStateStore();
 * const saga = new Saga({ sagaType: 'OrderSaga', steps, stateStore });
 */
export class InMemorySagaStateStore implements SagaStateStore {
  /** Kept in the order of the last save: a save moves its record to the end. */
  readonly #records = new Map<string, SagaStateRecord>();
  readonly #clock: Clock;

  constructor(options: InMemorySagaStateStoreOptions = {}) {
    this.#clock = options.clock ?? systemClock;
  }

  /** The saga's record, or `undefined` when it was never saved. */
  async load(sagaId: string): Promise<SagaStateRecord | undefined> {
    return this.#records.get(sagaId);
  }

  /**
   * Saves a new state if the stored version is still `expectedVersion` (`0` for a saga not stored yet);
   * returns the stored record, frozen, at version `expectedVersion + 1`. `update.lease` replaces the
   * lease, `null` releases it, and leaving it out keeps the current one.
   *
   * @throws {@link ConcurrencyError} when another process saved first (`streamId` is the saga id).
   * @throws {@link SerializationError} when the state cannot round-trip through JSON; nothing is stored.
   * @throws {@link ValidationError} when an id, type, status, lease or `expectedVersion` is not usable.
   */
  async save(update: SagaStateUpdate, expectedVersion: number): Promise<SagaStateRecord> {
    const { state, lease: newLease } = prepareSagaSave(update, expectedVersion);
    const current = this.#records.get(update.sagaId);
    const actualVersion = current?.version ?? 0;
    if (actualVersion !== expectedVersion)
      throw new ConcurrencyError(update.sagaId, expectedVersion, actualVersion, { subject: 'saga' });
    const lease = newLease === undefined ? current?.lease : (newLease ?? undefined);
    const record: SagaStateRecord = Object.freeze({
      sagaId: update.sagaId,
      sagaType: update.sagaType,
      status: update.status,
      version: actualVersion + 1,
      state,
      updatedAt: this.#clock.now().toISOString(),
      ...(lease === undefined ? {} : { lease }),
    });
    this.#records.delete(update.sagaId);
    this.#records.set(update.sagaId, record);
    return record;
  }

  /**
   * Claims, oldest update first, up to `limit` (100) sagas in `statuses` (and `sagaTypes`, if given)
   * whose lease is missing or expired, giving each a lease for `owner` of `leaseMs`. Each claim moves the
   * saga's version (a claim is a write), so the previous holder's next save fails.
   *
   * @throws {@link ValidationError} when `owner` is empty, `leaseMs` not positive or `limit` negative.
   */
  async claimExpired(options: ClaimExpiredOptions): Promise<SagaStateRecord[]> {
    const { owner, leaseMs, statuses, sagaTypes, limit } = resolveClaimExpiredOptions(options);
    const nowMs = this.#clock.now().getTime();
    const lease: SagaLease = Object.freeze({ owner, expiresAt: new Date(nowMs + leaseMs).toISOString() });
    const claimed: SagaStateRecord[] = [];
    // No await from here on: the whole claim is one step, so concurrent claimers get distinct sagas.
    for (const record of this.#records.values()) {
      if (claimed.length >= limit) break;
      if (!statuses.includes(record.status)) continue;
      if (sagaTypes !== undefined && !sagaTypes.includes(record.sagaType)) continue;
      if (!isExpired(record, nowMs)) continue;
      // A claim is a write: the new version fences off the previous holder's next save.
      const claim: SagaStateRecord = Object.freeze({ ...record, lease, version: record.version + 1 });
      this.#records.set(record.sagaId, claim);
      claimed.push(claim);
    }
    return claimed;
  }

  /**
   * Extends `owner`'s lease on a saga to `leaseMs` from now; `false` when `owner` no longer holds it.
   * An expired lease nobody claimed yet is still `owner`'s to renew.
   *
   * @throws {@link ValidationError} when `leaseMs` is not a positive number.
   */
  async renewLease(sagaId: string, owner: string, leaseMs: number): Promise<boolean> {
    validateLeaseMs(leaseMs);
    const record = this.#records.get(sagaId);
    if (record?.lease?.owner !== owner) return false;
    const expiresAt = new Date(this.#clock.now().getTime() + leaseMs).toISOString();
    this.#records.set(sagaId, withLease(record, Object.freeze({ owner, expiresAt })));
    return true;
  }

  /**
   * Saga records, oldest update first, optionally only in `statuses` or of `sagaType`, at most `limit`.
   *
   * @throws {@link ValidationError} when `limit` is not a whole number of at least 0.
   */
  async list(filter: SagaStateFilter = {}): Promise<SagaStateRecord[]> {
    validateSagaStateFilter(filter);
    const limit = filter.limit ?? Number.POSITIVE_INFINITY;
    const records: SagaStateRecord[] = [];
    for (const record of this.#records.values()) {
      if (records.length >= limit) break;
      if (filter.statuses !== undefined && !filter.statuses.includes(record.status)) continue;
      if (filter.sagaType !== undefined && record.sagaType !== filter.sagaType) continue;
      records.push(record);
    }
    return records;
  }
}
