import type { JsonValue } from '../serialization/json-value';

/** Who runs a saga now, and until when: a running process renews it; a recovery worker claims expired ones. */
export interface SagaLease {
  readonly owner: string;
  /** ISO 8601 UTC time the lease runs out unless renewed. */
  readonly expiresAt: string;
}

/** A saga's durable state as a store keeps it. */
export interface SagaStateRecord {
  readonly sagaId: string;
  readonly sagaType: string;
  readonly status: string;
  /** Increases by one with every save: the optimistic concurrency check. */
  readonly version: number;
  /** The saga's full state, JSON (§9), frozen. */
  readonly state: JsonValue;
  /** ISO 8601 UTC time of the last save. */
  readonly updatedAt: string;
  readonly lease?: SagaLease;
}

/** A state to save: the store assigns `version` and `updatedAt`. */
export interface SagaStateUpdate {
  readonly sagaId: string;
  readonly sagaType: string;
  readonly status: string;
  readonly state: unknown;
  /** The lease to hold after this save; `null` releases it; left out keeps the current one. */
  readonly lease?: SagaLease | null;
}

/** Options of {@link SagaStateStore.claimExpired}. */
export interface ClaimExpiredOptions {
  /** The claiming instance. */
  readonly owner: string;
  /** How long the claim lasts unless renewed. */
  readonly leaseMs: number;
  /** Claim only sagas in these statuses (the non-terminal ones). */
  readonly statuses: readonly string[];
  /** Claim only these saga types. */
  readonly sagaTypes?: readonly string[];
  /** At most this many; 100 unless given. */
  readonly limit?: number;
}

/** Filters of {@link SagaStateStore.list}. */
export interface SagaStateFilter {
  readonly statuses?: readonly string[];
  readonly sagaType?: string;
  readonly limit?: number;
}

/** Durable saga state with optimistic versioning and leases. */
export interface SagaStateStore {
  load(sagaId: string): Promise<SagaStateRecord | undefined>;
  /**
   * Saves a new state if the stored version is still `expectedVersion` (`0` for a saga not stored yet);
   * returns the stored record with its new version.
   *
   * @throws {@link ConcurrencyError} when another process saved first.
   * @throws {@link SerializationError} when the state cannot round-trip through JSON.
   */
  save(update: SagaStateUpdate, expectedVersion: number): Promise<SagaStateRecord>;
  /**
   * Atomically claims sagas in `statuses` whose lease is missing or expired, giving each a lease for
   * `owner`; exactly one claimant gets each saga. A claim increments the version (and leaves `updatedAt`),
   * so the previous holder, if it wakes up, fails its next save with a `ConcurrencyError`. Returns the
   * claimed records: save with their version.
   */
  claimExpired(options: ClaimExpiredOptions): Promise<SagaStateRecord[]>;
  /**
   * Extends `owner`'s lease on a saga, without changing its version; `false` when `owner` no longer
   * holds it (another instance claimed it).
   */
  renewLease(sagaId: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Saga states, oldest update first, for inspection. */
  list(filter?: SagaStateFilter): Promise<SagaStateRecord[]>;
}
