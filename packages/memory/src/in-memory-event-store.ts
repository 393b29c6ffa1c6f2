import {
  type AppendListener,
  type AppendResult,
  assertExpectedVersion,
  type Event,
  type EventStore,
  type ExpectedVersion,
  type FeedCount,
  type Metrics,
  matchRetriedAppend,
  measureStorage,
  normalizeJson,
  prepareAppend,
  type ReadAllOptions,
  type Snapshot,
  type SnapshotStore,
  type StorageOperation,
  type StoredEvent,
  storedEventOf,
  type Tracer,
  type UpcasterRegistry,
  ValidationError,
  validateStreamId,
} from '@orchestrix/core';

/** Options of {@link InMemoryEventStore}; none are needed. */
export interface InMemoryEventStoreOptions {
  /** Raises old events to their newest schema version on read. */
  readonly upcasters?: UpcasterRegistry;
  /** Receives a `storageOperation` sample per call. */
  readonly metrics?: Metrics;
  /** Opens an `event_store.<operation>` client span per call made inside a traced flow. */
  readonly tracer?: Tracer;
}

const EMPTY: readonly StoredEvent[] = Object.freeze([]);
const DEFAULT_READ_LIMIT = 1000;

function validateFromVersion(fromVersion: number): void {
  if (!Number.isSafeInteger(fromVersion) || fromVersion < 0) {
    throw new ValidationError('fromVersion', fromVersion, 'fromVersion must be a non-negative integer');
  }
}

function requireAfter(after: bigint): void {
  if (typeof after !== 'bigint' || after < 0n) {
    throw new ValidationError('after', after, 'after must be a non-negative bigint position');
  }
}

/**
 * An event store and snapshot store in memory, for development and tests. It runs the same codec and
 * checks as the PostgreSQL store, keeps no reference to the caller's objects, and hands out deeply
 * frozen events, frozen once at save and shared by every read.
 *
 * @example
 * const store = new InMemoryEventStore();
 * await store.save('order-1', [OrderPlaced({ orderId: 'order-1' })], 0);
 */
export class InMemoryEventStore implements EventStore, SnapshotStore {
  readonly #streams = new Map<string, StoredEvent[]>();
  readonly #all: StoredEvent[] = [];
  // Event ids are indexed lazily: an id greater than every stored id cannot be stored (UUID v7 ids only
  // grow), so ordinary appends never need the index; a retry or an older id builds it once.
  readonly #byId = new Map<string, StoredEvent>();
  #indexedCount = 0;
  #maxId = '';
  readonly #byTrace = new Map<string, StoredEvent[]>();
  readonly #snapshots = new Map<string, Snapshot>();
  readonly #listeners = new Set<AppendListener>();
  readonly #upcasters: UpcasterRegistry | undefined;
  readonly #metrics: Metrics | undefined;
  readonly #tracer: Tracer | undefined;

  constructor(options: InMemoryEventStoreOptions = {}) {
    this.#upcasters = options.upcasters;
    this.#metrics = options.metrics;
    this.#tracer = options.tracer;
  }

  /** {@inheritDoc @orchestrix/core#EventStore.save} */
  async save(
    streamId: string,
    events: readonly Event[],
    expectedVersion: ExpectedVersion = 'any',
  ): Promise<AppendResult> {
    return this.#measure('save', events.length, async () => this.#append(streamId, events, expectedVersion));
  }

  /** {@inheritDoc @orchestrix/core#EventStore.load} */
  async load(streamId: string, fromVersion = 0): Promise<StoredEvent[]> {
    return this.#measure('load', 0, async () => {
      validateStreamId(streamId);
      validateFromVersion(fromVersion);
      const stream = this.#streams.get(streamId);
      return this.#upcast(stream === undefined ? [] : stream.slice(fromVersion));
    });
  }

  /** {@inheritDoc @orchestrix/core#EventStore.loadByTrace} */
  async loadByTrace(traceId: string): Promise<StoredEvent[]> {
    return this.#measure('load_by_trace', 0, async () => this.#upcast((this.#byTrace.get(traceId) ?? EMPTY).slice()));
  }

  /** {@inheritDoc @orchestrix/core#EventStore.countAfter} */
  async countAfter(after: bigint): Promise<FeedCount> {
    requireAfter(after);
    // Positions are 1, 2, 3, … here: the event at position p sits at index p − 1.
    const length = BigInt(this.#all.length);
    return after >= length ? { count: 0, head: after } : { count: Number(length - after), head: length };
  }

  /** {@inheritDoc @orchestrix/core#EventStore.readAll} */
  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    return this.#measure('read_all', 0, async () => {
      const after = options.after ?? 0n;
      const limit = options.limit ?? DEFAULT_READ_LIMIT;
      requireAfter(after);
      if (!Number.isSafeInteger(limit) || limit < 1) {
        throw new ValidationError('limit', limit, 'limit must be a positive integer');
      }
      // Positions are 1, 2, 3, … here: the event at position p sits at index p − 1.
      const start = after >= BigInt(this.#all.length) ? this.#all.length : Number(after);
      if (options.types === undefined) return this.#upcast(this.#all.slice(start, start + limit));
      const types = new Set(options.types);
      const result: StoredEvent[] = [];
      for (let index = start; index < this.#all.length && result.length < limit; index += 1) {
        const event = this.#all[index] as StoredEvent;
        if (types.has(event.type)) result.push(event);
      }
      return this.#upcast(result);
    });
  }

  /** {@inheritDoc @orchestrix/core#EventStore.streamVersion} */
  async streamVersion(streamId: string): Promise<number> {
    return this.#measure('stream_version', 0, async () => {
      validateStreamId(streamId);
      return this.#streams.get(streamId)?.length ?? 0;
    });
  }

  /** {@inheritDoc @orchestrix/core#EventStore.onAppend} */
  onAppend(listener: AppendListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** {@inheritDoc @orchestrix/core#SnapshotStore.saveSnapshot} */
  async saveSnapshot(snapshot: Snapshot): Promise<void> {
    return this.#measure('save_snapshot', 0, async () => {
      validateStreamId(snapshot.aggregateId);
      if (!Number.isSafeInteger(snapshot.version) || snapshot.version < 0) {
        throw new ValidationError('version', snapshot.version, 'version must be a non-negative integer');
      }
      if (!Number.isSafeInteger(snapshot.schemaVersion) || snapshot.schemaVersion < 1) {
        throw new ValidationError('schemaVersion', snapshot.schemaVersion, 'schemaVersion must be a positive integer');
      }
      const stored: Snapshot = Object.freeze({
        aggregateId: snapshot.aggregateId,
        aggregateType: snapshot.aggregateType,
        version: snapshot.version,
        state: normalizeJson(snapshot.state, 'state'),
        timestamp: snapshot.timestamp,
        schemaVersion: snapshot.schemaVersion,
      });
      const current = this.#snapshots.get(snapshot.aggregateId);
      if (current === undefined || current.version <= stored.version) this.#snapshots.set(snapshot.aggregateId, stored);
    });
  }

  /** {@inheritDoc @orchestrix/core#SnapshotStore.loadSnapshot} */
  async loadSnapshot(aggregateId: string): Promise<Snapshot | undefined> {
    return this.#measure('load_snapshot', 0, async () => this.#snapshots.get(aggregateId));
  }

  // Everything from the checks to the last write runs synchronously: no other call can interleave.
  #append(streamId: string, events: readonly Event[], expectedVersion: ExpectedVersion): AppendResult {
    const prepared = prepareAppend(streamId, events, expectedVersion);
    const retried = matchRetriedAppend(streamId, prepared.events, (eventId) => this.#findStored(eventId));
    if (retried !== undefined) return retried;
    const stream = this.#streams.get(streamId);
    const actualVersion = stream?.length ?? 0;
    assertExpectedVersion(streamId, prepared.expectedVersion, actualVersion);
    if (prepared.events.length === 0) {
      const last = stream?.[actualVersion - 1];
      return Object.freeze({ nextExpectedVersion: actualVersion, lastPosition: last?.position ?? 0n, events: EMPTY });
    }
    const target = stream ?? [];
    if (stream === undefined) this.#streams.set(streamId, target);
    const appended: StoredEvent[] = new Array(prepared.events.length);
    let version = actualVersion;
    let position = this.#all.length;
    for (let index = 0; index < prepared.events.length; index += 1) {
      version += 1;
      position += 1;
      const stored = storedEventOf(prepared.events[index] as Event, streamId, version, BigInt(position));
      appended[index] = stored;
      target.push(stored);
      this.#all.push(stored);
      if (stored.id > this.#maxId) this.#maxId = stored.id;
      if (stored.traceId !== undefined) this.#indexTrace(stored);
    }
    const lastPosition = BigInt(position);
    this.#notify(lastPosition);
    return Object.freeze({ nextExpectedVersion: version, lastPosition, events: Object.freeze(appended) });
  }

  #findStored(eventId: string): StoredEvent | undefined {
    if (eventId > this.#maxId) return undefined;
    for (; this.#indexedCount < this.#all.length; this.#indexedCount += 1) {
      const event = this.#all[this.#indexedCount] as StoredEvent;
      this.#byId.set(event.id, event);
    }
    return this.#byId.get(eventId);
  }

  #indexTrace(event: StoredEvent): void {
    const traceId = event.traceId as string;
    const events = this.#byTrace.get(traceId);
    if (events === undefined) this.#byTrace.set(traceId, [event]);
    else events.push(event);
  }

  #notify(lastPosition: bigint): void {
    for (const listener of this.#listeners) {
      try {
        listener(lastPosition);
      } catch {
        // A wake-up hint must never fail an append that has committed.
      }
    }
  }

  #upcast(events: StoredEvent[]): StoredEvent[] {
    return this.#upcasters === undefined ? events : this.#upcasters.upcastAll(events);
  }

  #measure<T>(operation: StorageOperation, eventCount: number, work: () => Promise<T>): Promise<T> {
    return measureStorage({ metrics: this.#metrics, tracer: this.#tracer }, operation, eventCount, work);
  }
}
