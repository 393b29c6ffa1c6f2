/** A lease that lets one runner instance at a time process a projection or subscription. */
export interface CheckpointLease {
  readonly name: string;
  readonly owner: string;
  /** Increases with every new holder, so a stale holder's writes can be refused. */
  readonly fencingToken: number;
  /** ISO 8601 UTC time the lease runs out unless renewed. */
  readonly expiresAt: string;
}

/** Stores, per projection or subscription name, the global position of the last handled event. */
export interface CheckpointStore {
  /** The stored position, `0n` when none. */
  load(name: string): Promise<bigint>;
  /**
   * Compare-and-set: stores `position` only if the stored one is still `expected`.
   *
   * @throws {@link ConcurrencyError} when another runner moved the checkpoint first.
   */
  store(name: string, position: bigint, expected: bigint): Promise<void>;
  /**
   * Optional: runs `work` in one transaction with the checkpoint update, so a read model's writes and the
   * checkpoint commit or roll back together. `work` receives the adapter's transaction.
   */
  withTransaction?<T>(
    name: string,
    expected: bigint,
    position: bigint,
    work: (transaction: unknown) => Promise<T>,
  ): Promise<T>;
  /**
   * Optional: takes or renews the lease on `name` for `owner`; returns it, or `undefined` while another
   * owner holds an unexpired lease.
   */
  acquireLease?(name: string, owner: string, leaseMs: number): Promise<CheckpointLease | undefined>;
  /** Optional: gives the lease up, if `owner` still holds it. */
  releaseLease?(name: string, owner: string): Promise<void>;
}
