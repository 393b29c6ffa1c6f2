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
}
