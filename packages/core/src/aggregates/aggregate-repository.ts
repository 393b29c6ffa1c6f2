import { AggregateNotFoundError } from '../errors/aggregate-not-found-error';
import { ConcurrencyError } from '../errors/concurrency-error';
import { HandlerError } from '../errors/handler-error';
import { ValidationError } from '../errors/validation-error';
import type { EventStore, StoredEvent } from '../event-store/event-store';
import type { Logger } from '../logging/logger';
import { noopLogger } from '../logging/noop-logger';
import type { MessageBus } from '../message-bus/message-bus';
import { measure } from '../observability/measure';
import type { Metrics } from '../observability/metrics';
import type { ObservabilityHooks } from '../observability/observability-hooks';
import { traced } from '../observability/traced';
import type { Tracer } from '../observability/tracer';
import { normalizeJson } from '../serialization/json-codec';
import type { SnapshotStore } from '../snapshots/snapshot-store';
import type { UpcasterRegistry } from '../upcasting/upcaster-registry';
import { type AggregateClass, type AggregateRoot, aggregateTypeOf, restoreVersion } from './aggregate-root';

/** Options of {@link AggregateRepository}. */
export interface AggregateRepositoryOptions {
  readonly eventStore: EventStore;
  /** Where snapshots go; without it, aggregates are always rebuilt from all their events. */
  readonly snapshotStore?: SnapshotStore;
  /** Take a snapshot each time the version crosses a multiple of this; off unless given. */
  readonly snapshotEvery?: number;
  /** Raises old events to their newest schema version on load. */
  readonly upcasters?: UpcasterRegistry;
  /** Committed events are published here after each save. */
  readonly bus?: MessageBus;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  /** Starts a `load_aggregate:<type>` span per load and a `save_aggregate:<type>` span per save. */
  readonly tracer?: Tracer;
}

/** The attributes of a repository span: type and id (spans may hold ids; metrics labels never do). */
function aggregateAttributes(aggregateType: string, aggregateId: string): Record<string, string> {
  return { 'orchestrix.aggregate.type': aggregateType, 'orchestrix.aggregate.id': aggregateId };
}

/** Options of {@link AggregateRepository.handle}. */
export interface HandleOptions {
  /** How many times a decision is run again after a `ConcurrencyError`; 3 unless given. */
  readonly maxRetries?: number;
  /** Start a new aggregate when the stream does not exist yet (otherwise it must exist). */
  readonly create?: boolean;
}

/**
 * Loads and saves event-sourced aggregates: optimistic concurrency by expected version, snapshots,
 * upcasting on read, publishing committed events, and `handle`, the load–decide–save command handler.
 *
 * @example
 * const repository = new AggregateRepository({ eventStore: new InMemoryEventStore() });
 * await repository.handle(Order, 'order-1', (order) => order.ship());
 */
export class AggregateRepository {
  readonly #store: EventStore;
  readonly #snapshots: SnapshotStore | undefined;
  readonly #snapshotEvery: number | undefined;
  readonly #upcasters: UpcasterRegistry | undefined;
  readonly #bus: MessageBus | undefined;
  readonly #logger: Logger;
  #metrics: Metrics | undefined;
  #tracer: Tracer | undefined;

  constructor(options: AggregateRepositoryOptions) {
    if (options.eventStore === undefined) throw new ValidationError('eventStore', undefined, 'eventStore is required');
    const every = options.snapshotEvery;
    if (every !== undefined && (!Number.isInteger(every) || every < 1)) {
      throw new ValidationError('snapshotEvery', every, 'snapshotEvery must be a positive integer');
    }
    if (every !== undefined && options.snapshotStore === undefined) {
      throw new ValidationError('snapshotStore', undefined, 'snapshotEvery needs a snapshotStore to write to');
    }
    this.#store = options.eventStore;
    this.#snapshots = options.snapshotStore;
    this.#snapshotEvery = every;
    this.#upcasters = options.upcasters;
    this.#bus = options.bus;
    this.#logger = options.logger ?? noopLogger;
    this.#metrics = options.metrics;
    this.#tracer = options.tracer;
  }

  /**
   * Reports to `hooks` from now on, in place of the `metrics` and `tracer` it was built with (a hook left
   * out is kept). `@orchestrix/observability`'s `instrumentRepository` calls it.
   *
   * @returns This repository.
   */
  observe(hooks: ObservabilityHooks): this {
    if (hooks.metrics !== undefined) this.#metrics = hooks.metrics;
    if (hooks.tracer !== undefined) this.#tracer = hooks.tracer;
    return this;
  }

  /**
   * Loads an aggregate: its newest usable snapshot plus the events after it.
   *
   * @throws {@link AggregateNotFoundError} when neither a snapshot nor events exist.
   */
  async load<A extends AggregateRoot>(aggregateClass: AggregateClass<A>, aggregateId: string): Promise<A> {
    const aggregate = await this.find(aggregateClass, aggregateId);
    if (aggregate === undefined) throw new AggregateNotFoundError(aggregateTypeOf(aggregateClass), aggregateId);
    return aggregate;
  }

  /** Like {@link AggregateRepository.load}, but returns `undefined` for an unknown id. */
  async find<A extends AggregateRoot>(aggregateClass: AggregateClass<A>, aggregateId: string): Promise<A | undefined> {
    const aggregateType = aggregateTypeOf(aggregateClass);
    let eventCount = 0;
    const record = this.#metrics?.aggregateLoaded?.bind(this.#metrics);
    const span = { kind: 'internal' as const, attributes: aggregateAttributes(aggregateType, aggregateId) };
    return measure(record && ((status, durationMs) => record({ aggregateType, status, durationMs, eventCount })), () =>
      traced(this.#tracer, `load_aggregate:${aggregateType}`, span, async () => {
        const aggregate = new aggregateClass();
        const snapshot = await this.#snapshots?.loadSnapshot(aggregateId);
        let fromVersion = 0;
        if (snapshot !== undefined && snapshot.schemaVersion === (aggregateClass.snapshotVersion ?? 1)) {
          aggregate.restoreSnapshot(snapshot.state);
          aggregate.aggregateId = aggregateId;
          aggregate[restoreVersion](snapshot.version);
          fromVersion = snapshot.version;
        }
        const stored = await this.#store.load(aggregateId, fromVersion);
        const events = this.#upcasters === undefined ? stored : this.#upcasters.upcastAll(stored);
        eventCount = events.length;
        if (fromVersion === 0 && events.length === 0) return undefined;
        aggregate.aggregateId = aggregateId;
        aggregate.loadFromHistory(events);
        return aggregate;
      }),
    );
  }

  /**
   * Appends the aggregate's uncommitted events with `expectedVersion = version − uncommitted`, marks them
   * committed, snapshots when due, publishes them on the bus, and returns the stored events.
   *
   * @throws {@link ConcurrencyError} when another writer saved the aggregate first; nothing is written.
   * @throws {@link HandlerError} with `committed: true` when publishing failed after the append: do not retry.
   */
  async save(aggregate: AggregateRoot): Promise<readonly StoredEvent[]> {
    const pending = aggregate.uncommittedEvents;
    if (pending.length === 0) return [];
    if (aggregate.aggregateId === '') {
      throw new ValidationError(
        'aggregateId',
        aggregate.aggregateId,
        'aggregateId cannot be empty: set it in a mutator',
      );
    }
    const expectedVersion = aggregate.version - pending.length;
    const aggregateType = aggregateTypeOf(aggregate.constructor as AggregateClass);
    const span = {
      kind: 'internal' as const,
      attributes: {
        ...aggregateAttributes(aggregateType, aggregate.aggregateId),
        'orchestrix.event_count': pending.length,
      },
    };
    const result = await traced(this.#tracer, `save_aggregate:${aggregateType}`, span, async () => {
      const appended = await this.#store.save(aggregate.aggregateId, pending, expectedVersion);
      aggregate.markEventsCommitted(pending.length);
      await this.#snapshotIfDue(aggregate, expectedVersion, appended.nextExpectedVersion);
      return appended;
    });
    if (this.#bus !== undefined) {
      for (const event of result.events) {
        try {
          await this.#bus.publish(event);
        } catch (error) {
          const failures = error instanceof HandlerError ? error.errors : [{ handlerName: 'bus', error }];
          throw new HandlerError(event.type, failures, { committed: true, storedEvents: result.events });
        }
      }
    }
    return result.events;
  }

  /**
   * The command handler users write every day: load the aggregate (or start a new one when `create`),
   * run `decide`, save. On a `ConcurrencyError` it reloads and decides again, up to `maxRetries` times.
   *
   * @returns The stored events.
   * @example await repository.handle(Account, 'acc-1', (account) => account.deposit(50));
   */
  async handle<A extends AggregateRoot>(
    aggregateClass: AggregateClass<A>,
    aggregateId: string,
    decide: (aggregate: A) => unknown,
    options: HandleOptions = {},
  ): Promise<readonly StoredEvent[]> {
    const maxRetries = options.maxRetries ?? 3;
    if (!Number.isInteger(maxRetries) || maxRetries < 0) {
      throw new ValidationError('maxRetries', maxRetries, 'maxRetries must be a non-negative integer');
    }
    const aggregateType = aggregateTypeOf(aggregateClass);
    let attempts = 0;
    const record = this.#metrics?.commandHandled?.bind(this.#metrics);
    return measure(
      record && ((status, durationMs) => record({ aggregateType, status, durationMs, attempts })),
      async () => {
        for (;;) {
          attempts += 1;
          const aggregate = options.create
            ? ((await this.find(aggregateClass, aggregateId)) ?? this.#startNew(aggregateClass, aggregateId))
            : await this.load(aggregateClass, aggregateId);
          await decide(aggregate);
          try {
            return await this.save(aggregate);
          } catch (error) {
            if (!(error instanceof ConcurrencyError) || attempts > maxRetries) throw error;
            this.#logger.debug('Retrying after a concurrency conflict', { aggregateType, attempt: attempts });
          }
        }
      },
    );
  }

  #startNew<A extends AggregateRoot>(aggregateClass: AggregateClass<A>, aggregateId: string): A {
    const aggregate = new aggregateClass();
    aggregate.aggregateId = aggregateId;
    return aggregate;
  }

  async #snapshotIfDue(aggregate: AggregateRoot, previousVersion: number, savedVersion: number): Promise<void> {
    const every = this.#snapshotEvery;
    if (every === undefined || this.#snapshots === undefined) return;
    if (Math.floor(savedVersion / every) === Math.floor(previousVersion / every)) return;
    // Events applied while the save ran are in the state but not stored: the next save snapshots.
    if (aggregate.uncommittedEvents.length > 0 || aggregate.version !== savedVersion) return;
    const aggregateClass = aggregate.constructor as AggregateClass;
    try {
      await this.#snapshots.saveSnapshot({
        aggregateId: aggregate.aggregateId,
        aggregateType: aggregateTypeOf(aggregateClass),
        version: aggregate.version,
        state: normalizeJson(aggregate.toSnapshot(), 'state'),
        timestamp: new Date().toISOString(),
        schemaVersion: aggregateClass.snapshotVersion ?? 1,
      });
    } catch (error) {
      // The events are committed; a missing snapshot only makes the next load replay more events.
      this.#logger.warn('Snapshot failed; the aggregate loads from its events', {
        aggregateType: aggregateTypeOf(aggregateClass),
        error,
      });
    }
  }
}
