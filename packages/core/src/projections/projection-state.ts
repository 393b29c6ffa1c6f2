import type { CheckpointLease } from '../checkpoints/checkpoint-store';
import type { Projection } from './projection';

/** What a {@link ProjectionRunner} knows about one of its projections. Internal to the runner. */
export interface ProjectionState {
  readonly projection: Projection;
  readonly batchSize: number;
  /** The stored checkpoint, once `loaded` settled. */
  position: bigint;
  healthy: boolean;
  lastError: unknown;
  /** `true` once a delivery failed for good: the runner skips it until a rebuild or a new runner. */
  stopped: boolean;
  /** Loads the checkpoint and calls `init`, once. */
  loaded: Promise<void> | undefined;
  /** The lease this runner holds on the projection, when its checkpoint store offers leases. */
  lease: CheckpointLease | undefined;
  /** When the lease is due for renewal, in clock milliseconds. */
  renewAtMs: number;
  /** `true` while another runner instance holds the lease: this one only follows the stored checkpoint. */
  standby: boolean;
  /** Failed attempts in a row while its store was unavailable; 0 once a batch went through. */
  outages: number;
  /**
   * Events dead-lettered (id → position) whose checkpoint is not stored yet: a batch that rolls back and
   * runs again passes over them instead of dead-lettering them twice.
   */
  readonly deadLettered: Map<string, bigint>;
  /** The end of the work queued on this projection (batches, catch-up, rebuild): one at a time. */
  tail: Promise<unknown>;
  /** Set by an append while the projection's loop was busy, so it looks again before idling. */
  appended: boolean;
  /** Aborts the projection loop's idle wait: an append came. */
  wake: AbortController | undefined;
  /** Until when, in clock milliseconds, the runner leaves it alone after such a failure. */
  retryAtMs: number;
}
