import type { Event } from '../messages/message';
import type { JsonValue } from '../serialization/json-value';
import { mutatorName } from './mutator-name';

/** Keys that must never be assigned from stored data: they would reach an object's prototype. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Lets the repository set a loaded aggregate's version; not part of the public API. */
export const restoreVersion: unique symbol = Symbol('orchestrix.restoreVersion');

/** A class that builds aggregates: the repository calls it with no arguments. */
export interface AggregateClass<A extends AggregateRoot = AggregateRoot> {
  new (): A;
  readonly name: string;
  /** The type name used in snapshots, metrics and errors; the class name unless set. */
  readonly aggregateType?: string;
  /** The shape of `toSnapshot()`'s state; a snapshot of another version is ignored. 1 unless set. */
  readonly snapshotVersion?: number;
}

/**
 * Base class of event-sourced aggregates. Decisions call `applyEvent`; state changes live in
 * `when<EventType>` methods, which also rebuild the aggregate from its history.
 *
 * @example
 * class Order extends AggregateRoot {
 *   status = 'new';
 *   place(orderId: string) { this.applyEvent(OrderPlaced({ orderId })); }
 *   protected whenOrderPlaced(event: MessageOf<typeof OrderPlaced>) { this.aggregateId = event.data.orderId; this.status = 'placed'; }
 * }
 */
export abstract class AggregateRoot {
  /** The aggregate's id: its stream id in the event store. */
  aggregateId = '';
  #version = 0;
  #uncommitted: Event[] = [];
  #uncommittedView: readonly Event[] | undefined;

  /** The number of events the aggregate has applied; 0 for a new one. */
  get version(): number {
    return this.#version;
  }

  /** Events applied since the last save, in order. */
  get uncommittedEvents(): readonly Event[] {
    this.#uncommittedView ??= Object.freeze([...this.#uncommitted]);
    return this.#uncommittedView;
  }

  /**
   * Applies a new event: calls its mutator, then records it and increments `version`. If the mutator
   * throws, nothing is recorded and `version` is unchanged.
   */
  protected applyEvent(event: Event): void {
    this.#mutate(event);
    this.#uncommitted.push(event);
    this.#uncommittedView = undefined;
    this.#version += 1;
  }

  /**
   * Forgets the uncommitted events, or only the first `count` of them (the ones a save stored, when more
   * were applied while it ran). The repository calls it after a save.
   */
  markEventsCommitted(count: number = this.#uncommitted.length): void {
    this.#uncommitted = this.#uncommitted.slice(count);
    this.#uncommittedView = undefined;
  }

  /** Rebuilds state from stored events, without recording them as uncommitted. */
  loadFromHistory(events: readonly Event[]): void {
    for (const event of events) {
      this.#mutate(event);
      this.#version += 1;
    }
  }

  /** The aggregate's own enumerable state, for a snapshot. Override for a custom shape. */
  toSnapshot(): unknown {
    return { ...this };
  }

  /** Sets state back from a snapshot's `state`. Override together with `toSnapshot`. */
  restoreSnapshot(state: JsonValue): void {
    if (typeof state !== 'object' || state === null || Array.isArray(state)) return;
    // Stored data is frozen: give the aggregate its own mutable copy.
    const copy = structuredClone(state) as Record<string, unknown>;
    const target = this as unknown as Record<string, unknown>;
    for (const key of Object.keys(copy)) {
      if (!UNSAFE_KEYS.has(key)) target[key] = copy[key];
    }
  }

  /** @internal */
  [restoreVersion](version: number): void {
    this.#version = version;
    this.#uncommitted = [];
    this.#uncommittedView = undefined;
  }

  #mutate(event: Event): void {
    const mutator = (this as unknown as Record<string, unknown>)[mutatorName(event.type)];
    if (typeof mutator === 'function') mutator.call(this, event);
  }
}

/** The type name of an aggregate class: its `static aggregateType`, or the class name. */
export function aggregateTypeOf(aggregateClass: AggregateClass): string {
  return aggregateClass.aggregateType ?? aggregateClass.name;
}
