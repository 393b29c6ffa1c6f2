import type { JsonValue } from '../serialization/json-value';

/** An aggregate's state at a version, so loading replays only the events after it. */
export interface Snapshot {
  readonly aggregateId: string;
  readonly aggregateType: string;
  /** The aggregate's version when the snapshot was taken. */
  readonly version: number;
  /** The aggregate's state, JSON (§9). */
  readonly state: JsonValue;
  /** ISO 8601 UTC time the snapshot was taken. */
  readonly timestamp: string;
  /** The shape of `state`: the aggregate class's `static snapshotVersion` when it was taken. */
  readonly schemaVersion: number;
}

/** Keeps the newest snapshot per aggregate. */
export interface SnapshotStore {
  /** Stores `snapshot` unless a snapshot with a higher version is already stored (it never replaces a newer one). */
  saveSnapshot(snapshot: Snapshot): Promise<void>;
  /** The newest snapshot of the aggregate, or `undefined`. */
  loadSnapshot(aggregateId: string): Promise<Snapshot | undefined>;
}
