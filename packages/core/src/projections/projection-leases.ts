import type { CheckpointStore } from '../checkpoints/checkpoint-store';
import type { Clock } from '../clock/clock';
import type { Logger } from '../logging/logger';
import type { ProjectionState } from './projection-state';

/**
 * The leases a runner instance holds on its projections, so one instance at a time runs each: taken
 * before a batch, renewed by a heartbeat, given up on stop. A new tenure (a fencing token this instance
 * did not hold) reloads the checkpoint, since another instance may have moved it. Internal to the runner.
 */
export class ProjectionLeases {
  readonly #checkpoints: CheckpointStore;
  readonly #owner: string;
  readonly #leaseMs: number;
  readonly #clock: Clock;
  readonly #logger: Logger;

  constructor(checkpoints: CheckpointStore, owner: string, leaseMs: number, clock: Clock, logger: Logger) {
    this.#checkpoints = checkpoints;
    this.#owner = owner;
    this.#leaseMs = leaseMs;
    this.#clock = clock;
    this.#logger = logger;
  }

  /** Whether the checkpoint store offers leases; without them every runner runs every projection. */
  get enabled(): boolean {
    return this.#checkpoints.acquireLease !== undefined;
  }

  /** How often the heartbeat renews held leases: a third of the lease, so two renewals may fail in a row. */
  get renewEveryMs(): number {
    return this.#leaseMs / 3;
  }

  /**
   * Whether this instance may process the projection now: takes its lease, or renews it when due.
   *
   * @returns `'held'` to go on, `'taken'` for a new tenure (the checkpoint was reloaded into the state),
   * `'refused'` while another instance holds it.
   */
  async hold(state: ProjectionState): Promise<'held' | 'taken' | 'refused'> {
    const acquire = this.#checkpoints.acquireLease?.bind(this.#checkpoints);
    if (acquire === undefined) return 'held';
    const nowMs = this.#clock.now().getTime();
    if (state.lease !== undefined && nowMs < state.renewAtMs) return 'held';
    const name = state.projection.name;
    const lease = await acquire(name, this.#owner, this.#leaseMs);
    if (lease === undefined) {
      if (state.lease !== undefined) this.#lost(state);
      state.standby = true;
      return 'refused';
    }
    const taken = lease.fencingToken !== state.lease?.fencingToken;
    if (taken) {
      state.position = await this.#checkpoints.load(name);
      this.#logger.info('Projection lease taken', {
        projectionName: name,
        owner: this.#owner,
        fencing: lease.fencingToken,
        position: state.position.toString(),
      });
    }
    state.lease = lease;
    state.renewAtMs = nowMs + this.renewEveryMs;
    state.standby = false;
    return taken ? 'taken' : 'held';
  }

  /**
   * Renews a held lease between batches or during a long one. A lease that comes back with another
   * fencing token, or not at all, is dropped: the runner's next {@link hold} starts a new tenure.
   */
  async renew(state: ProjectionState): Promise<void> {
    const held = state.lease;
    if (held === undefined || this.#checkpoints.acquireLease === undefined) return;
    const nowMs = this.#clock.now().getTime();
    const lease = await this.#checkpoints.acquireLease(state.projection.name, this.#owner, this.#leaseMs);
    if (state.lease !== held) return;
    if (lease?.fencingToken === held.fencingToken) {
      state.lease = lease;
      state.renewAtMs = nowMs + this.renewEveryMs;
      return;
    }
    this.#lost(state);
  }

  /** Gives up the lease this instance holds on the projection, if any. */
  async release(state: ProjectionState): Promise<void> {
    if (state.lease === undefined) return;
    state.lease = undefined;
    await this.#checkpoints.releaseLease?.(state.projection.name, this.#owner);
  }

  #lost(state: ProjectionState): void {
    this.#logger.warn('Projection lease lost to another runner instance', {
      projectionName: state.projection.name,
      owner: this.#owner,
    });
    state.lease = undefined;
  }
}
