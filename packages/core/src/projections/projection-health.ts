/** What {@link ProjectionRunner.health} reports about one projection. */
export interface ProjectionHealth {
  readonly name: string;
  /** `false` while the projection's last delivery failed: it is retrying or stopped at that event. */
  readonly healthy: boolean;
  /** The projection's checkpoint: the global position of the last event it handled. */
  readonly position: bigint;
  /**
   * `true` while another runner instance holds the projection's lease: that instance runs it, and this
   * one reports the checkpoint it stored.
   */
  readonly standby: boolean;
  /** The error that made it unhealthy. */
  readonly lastError?: unknown;
}
