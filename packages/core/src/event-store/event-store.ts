import type { Event } from '../messages/message';

/**
 * What a writer expects of a stream: its version (the number of events it saw; `0` means the stream must
 * not exist yet), `'no_stream'`, `'stream_exists'`, or `'any'` (no check; concurrent writers are
 * serialised and never fail for it).
 */
export type ExpectedVersion = number | 'any' | 'no_stream' | 'stream_exists';

/** An event as a store hands it back: frozen, with its stream, 1-based version and global position. */
export interface StoredEvent<T extends string = string, D = unknown> extends Event<T, D> {
  readonly streamId: string;
  /** The n-th event of a stream has version n. */
  readonly version: number;
  /** Global order of all events: strictly increasing in the order readers see them, not dense. */
  readonly position: bigint;
}

/** What `save` reports: the stream's new version and the position of the last event written. */
export interface AppendResult {
  /** The stream's version after the append: pass it as `expectedVersion` of the next one. */
  readonly nextExpectedVersion: number;
  /** The position of the append's last event (for an empty append, of the stream's last event, or `0n`). */
  readonly lastPosition: bigint;
  /** The events as stored by this append (for a retried append, as stored the first time). */
  readonly events: readonly StoredEvent[];
}

/** What {@link EventStore.countAfter} reports about the global feed after a position. */
export interface FeedCount {
  /** How many events lie after the position. */
  readonly count: number;
  /** The position of the last of them; the position asked about when there are none. */
  readonly head: bigint;
}

/** Options of {@link EventStore.readAll}. */
export interface ReadAllOptions {
  /** Return events with a position greater than this; `0n` (the default) reads from the start. */
  readonly after?: bigint;
  /** At most this many events; 1000 unless given. */
  readonly limit?: number;
  /** Only events of these types (the position still moves past the others). */
  readonly types?: readonly string[];
}

/** Called after an append commits, with the append's last position: a wake-up hint, never a source of truth. */
export type AppendListener = (lastPosition: bigint) => void;

/** Appends and reads streams of events: versions count from 1 per stream, positions order all events. */
export interface EventStore {
  /**
   * Appends `events` to `streamId` atomically and in order, or writes nothing. Event ids are checked
   * first: a retry of an append that is already stored writes nothing and returns the original result.
   *
   * @param expectedVersion - The version the writer saw; `0` means the stream must not exist yet. `'any'` unless given.
   * @throws {@link ConcurrencyError} when the stream is at another version; nothing is written.
   * @throws {@link DuplicateEventError} when an event id is stored elsewhere; nothing is written.
   * @throws {@link ValidationError} for an invalid stream id, expected version, or an append over the limits.
   * @throws {@link SerializationError} for data that cannot round-trip through JSON.
   * @example await store.save('order-1', [OrderCreated({ orderId: 'order-1', totalAmount: 99 })], 0);
   */
  save(streamId: string, events: readonly Event[], expectedVersion?: ExpectedVersion): Promise<AppendResult>;
  /** The events of `streamId` with a version greater than `fromVersion` (default 0), in order; `[]` if unknown. */
  load(streamId: string, fromVersion?: number): Promise<StoredEvent[]>;
  /** Every event with this `traceId`, in position order. */
  loadByTrace(traceId: string): Promise<StoredEvent[]>;
  /** Events in global position order after `options.after`, at most `options.limit` (1000) per call. */
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  /** The number of events in the stream; 0 when it does not exist. */
  streamVersion(streamId: string): Promise<number>;
  /**
   * Optional: how many events `readAll` would give after `after`, and the position of the last of them
   * (`after` when none), in one call. Runners use it for `lag` and to find the head of the feed; without
   * it they page through `readAll`.
   */
  countAfter?(after: bigint): Promise<FeedCount>;
  /**
   * Optional: calls `listener` after each committed append, so readers of the global feed wake up early.
   * Returns the function that stops it. Readers must still poll: a missed call never loses an event.
   */
  onAppend?(listener: AppendListener): () => void;
}
