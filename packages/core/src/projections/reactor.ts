import type { StoredEvent } from '../event-store/event-store';
import type { RetryPolicy } from '../retry/retry-policy';
import type { ProjectionContext } from './projection';

/** What a reactor's handlers receive besides the event. */
export interface ReactorContext extends ProjectionContext {
  /**
   * `${reactorName}:${event.id}`: the same on every delivery of the event, redeliveries included. Pass it
   * to the external system (an idempotency key header, a unique column) so it recognises a repeated call.
   */
  readonly idempotencyKey: string;
}

/** Handles one event of a reactor with a side effect; may return a promise. */
export type ReactorEventHandler = (event: StoredEvent, context: ReactorContext) => unknown;

/** What {@link defineReactor} takes: a name and per-event handlers that trigger side effects. */
export interface ReactorDefinition {
  /** A safe identifier, `/^[a-z_][a-z0-9_]{0,62}$/`: it names the checkpoint, the dead letters and the keys. */
  readonly name: string;
  /** Per-event handlers by event type; events of other types only move the checkpoint. */
  readonly handlers: Readonly<Record<string, ReactorEventHandler>>;
  /** Called once before the runner first delivers to the reactor. */
  readonly init?: () => unknown;
  /** At most this many events per batch; the runner's `batchSize` unless given. */
  readonly batchSize?: number;
  /** How a failed handler is retried before the reactor stops; no retry unless given. */
  readonly retry?: RetryPolicy;
  /** `true` to dead-letter an event whose handler failed after its retries and move on, instead of stopping. */
  readonly deadLetter?: boolean;
}
