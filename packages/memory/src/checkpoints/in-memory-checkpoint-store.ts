import {
  type CheckpointLease,
  type CheckpointStore,
  type Clock,
  ConcurrencyError,
  systemClock,
  ValidationError,
  validateLeaseMs,
} from '@orchestrix/core';

/** Options of {@link InMemoryCheckpointStore}. */
export interface InMemoryCheckpointStoreOptions {
  /** Where lease expiry times are read; default `systemClock`. */
  readonly clock?: Clock;
}

/** A lease as the store keeps it, with its expiry as a number to compare. */
interface HeldLease {
  readonly lease: CheckpointLease;
  readonly expiresAtMs: number;
}

function requireName(name: string): void {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new ValidationError('name', name, 'name cannot be empty: give the projection or subscription name');
  }
}

function requirePosition(position: bigint, field: string): void {
  if (typeof position !== 'bigint' || position < 0n) {
    throw new ValidationError(field, position, `${field} must be a bigint of at least 0n`);
  }
}

function requireOwner(owner: string): void {
  if (typeof owner !== 'string' || owner.trim() === '') {
    throw new ValidationError('owner', owner, 'owner cannot be empty: give the runner instance id');
  }
}

/**
 * A {@link CheckpointStore} in one process's memory: positions per projection or subscription name, a
 * compare-and-set `store`, and leases whose fencing token grows with every new holder.
 *
 * A lease runs out at `expiresAt` on the `clock`; its holder renews it by acquiring it again before then,
 * which keeps its fencing token. Once expired, anyone (its former holder too) may take it with the next token.
 *
 * @example
 * const checkpoints = new InMemoryCheckpointStore();
 * const runner = new ProjectionRunner({ source: eventStore, checkpoints, projections: [orderSummary] });
 */
export class InMemoryCheckpointStore implements CheckpointStore {
  readonly #positions = new Map<string, bigint>();
  readonly #leases = new Map<string, HeldLease>();
  /** The last fencing token given out per name: it survives the lease's release. */
  readonly #fencingTokens = new Map<string, number>();
  readonly #clock: Clock;

  constructor(options: InMemoryCheckpointStoreOptions = {}) {
    this.#clock = options.clock ?? systemClock;
  }

  /** The stored position of `name`, `0n` when none. */
  async load(name: string): Promise<bigint> {
    requireName(name);
    return this.#positions.get(name) ?? 0n;
  }

  /**
   * Compare-and-set: stores `position` only if the stored one is still `expected`.
   *
   * @throws {@link ConcurrencyError} when another runner moved the checkpoint first; its `streamId` is
   * `name`, `expectedVersion` is `expected` as a decimal string and `actualVersion` the stored position.
   * @throws {@link ValidationError} when `name` is empty or a position is not a bigint of at least 0n.
   */
  async store(name: string, position: bigint, expected: bigint): Promise<void> {
    requireName(name);
    requirePosition(position, 'position');
    requirePosition(expected, 'expected');
    const actual = this.#positions.get(name) ?? 0n;
    if (actual !== expected) throw new ConcurrencyError(name, expected, actual, { subject: 'checkpoint' });
    this.#positions.set(name, position);
  }

  /**
   * Takes the lease on `name` for `owner` for `leaseMs`, or renews it while `owner` holds it unexpired
   * (keeping its fencing token); a new holder gets a token above every earlier one.
   *
   * @returns The lease, frozen, or `undefined` while another owner holds an unexpired lease.
   * @throws {@link ValidationError} when `name` or `owner` is empty or `leaseMs` not a positive number.
   */
  async acquireLease(name: string, owner: string, leaseMs: number): Promise<CheckpointLease | undefined> {
    requireName(name);
    requireOwner(owner);
    validateLeaseMs(leaseMs);
    const nowMs = this.#clock.now().getTime();
    const held = this.#leases.get(name);
    const isLive = held !== undefined && held.expiresAtMs > nowMs;
    if (isLive && held.lease.owner !== owner) return undefined;
    const fencingToken = isLive ? held.lease.fencingToken : (this.#fencingTokens.get(name) ?? 0) + 1;
    const expiresAtMs = nowMs + leaseMs;
    const lease: CheckpointLease = Object.freeze({
      name,
      owner,
      fencingToken,
      expiresAt: new Date(expiresAtMs).toISOString(),
    });
    this.#fencingTokens.set(name, fencingToken);
    this.#leases.set(name, { lease, expiresAtMs });
    return lease;
  }

  /** Gives the lease on `name` up, if `owner` still holds it; does nothing otherwise. */
  async releaseLease(name: string, owner: string): Promise<void> {
    if (this.#leases.get(name)?.lease.owner === owner) this.#leases.delete(name);
  }
}
