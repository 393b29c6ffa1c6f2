import type { StoredEvent } from '../event-store/event-store';
import type { RetryPolicy } from '../retry/retry-policy';

/** What a projection's handlers receive besides the event. */
export interface ProjectionContext {
  /** The name of the projection being run. */
  readonly projectionName: string;
  /**
   * The checkpoint store's transaction when it offers `withTransaction`: write the read model through it,
   * so the writes and the checkpoint commit or roll back together. `undefined` otherwise.
   */
  readonly transaction: unknown;
}

/** Handles one event of a projection; may return a promise. */
export type ProjectionEventHandler = (event: StoredEvent, context: ProjectionContext) => unknown;

/** Handles a whole batch of events at once, e.g. with one multi-row statement; may return a promise. */
export type ProjectionBatchHandler = (events: readonly StoredEvent[], context: ProjectionContext) => unknown;

/** What {@link defineProjection} takes: a name and per-event handlers or a batch handler. */
export interface ProjectionDefinition {
  /** A safe identifier, `/^[a-z_][a-z0-9_]{0,62}$/`: it names the checkpoint and dead letters. */
  readonly name: string;
  /** Per-event handlers by event type; events of other types only move the checkpoint. */
  readonly handlers?: Readonly<Record<string, ProjectionEventHandler>>;
  /** Handles every event of a batch at once; give it or `handlers`, not both. */
  readonly handleBatch?: ProjectionBatchHandler;
  /** Called once before the runner first delivers to the projection, e.g. to create its tables. */
  readonly init?: () => unknown;
  /**
   * Called by {@link ProjectionRunner.rebuild} before the replay: empty the read model here. When the
   * checkpoint store offers `withTransaction`, it runs in the transaction that sets the checkpoint back to 0
   * (`context.transaction`): write through it, and the reset and the checkpoint commit together or not at all.
   */
  readonly reset?: (context: ProjectionContext) => unknown;
  /** At most this many events per batch; the runner's `batchSize` unless given. */
  readonly batchSize?: number;
  /** How a failed handler is retried before the projection stops; no retry unless given. */
  readonly retry?: RetryPolicy;
  /**
   * `true` to dead-letter an event whose handler failed after its retries and move on, instead of
   * stopping; the runner then needs a `deadLetterQueue`. Only with `handlers`.
   */
  readonly deadLetter?: boolean;
}

/** A checked, frozen projection definition, as {@link defineProjection} returns it. */
export interface Projection extends ProjectionDefinition {
  readonly retry: RetryPolicy;
  readonly deadLetter: boolean;
}
