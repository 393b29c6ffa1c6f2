import type { Event, Projection, ProjectionContext, StoredEvent } from '@orchestrix/core';
import { expect } from 'vitest';
import type { ErrorClass } from '../aggregates/given';

/** Options of {@link projectionSpec}. */
export interface ProjectionSpecOptions<T> {
  /** Reads the projection's read model after the events were handled; its result is compared with `then`. */
  readonly readModel: () => T | Promise<T>;
  /** Passed to the handlers as `context.transaction`; `undefined` unless given. */
  readonly transaction?: unknown;
}

/** The outcome half of a projection spec: what the read model must hold after the events. */
export interface ProjectionOutcomeSpec<T> {
  /** Handles the events and checks `readModel()` deep-equals `expected` (vitest `toEqual`). Resolves with the read model. */
  then(expected: T): Promise<T>;
  /** Handles the events and checks that a handler threw (or rejected with) an instance of `errorClass`. Resolves with it. */
  thenThrows<E extends Error>(errorClass: ErrorClass<E>): Promise<E>;
}

/** The first half of a projection spec: the projection and how to read its read model. */
export interface ProjectionSpec<T> {
  /** Sets the events to handle; nothing runs until `then` or `thenThrows`. */
  given(events: readonly (Event | StoredEvent)[]): ProjectionOutcomeSpec<T>;
}

function isStored(event: Event | StoredEvent): event is StoredEvent {
  return 'position' in event && 'version' in event && 'streamId' in event;
}

/** Stores `events` as a feed would: positions 1, 2, 3…, versions counted per stream (`subject`, else `stream-1`). */
function toStoredEvents(events: readonly (Event | StoredEvent)[]): StoredEvent[] {
  const versions = new Map<string, number>();
  return events.map((event, index) => {
    if (isStored(event)) return event;
    const streamId = event.subject ?? 'stream-1';
    const version = (versions.get(streamId) ?? 0) + 1;
    versions.set(streamId, version);
    return Object.freeze({ ...event, streamId, version, position: BigInt(index + 1) });
  });
}

async function project(projection: Projection, events: readonly StoredEvent[], transaction: unknown): Promise<void> {
  const context: ProjectionContext = Object.freeze({ projectionName: projection.name, transaction });
  await projection.init?.();
  if (projection.handleBatch !== undefined) {
    if (events.length > 0) await projection.handleBatch(events, context);
    return;
  }
  for (const event of events) await projection.handlers?.[event.type]?.(event, context);
}

async function expectReadModel<T>(
  projection: Projection,
  events: readonly StoredEvent[],
  options: ProjectionSpecOptions<T>,
  expected: T,
): Promise<T> {
  await project(projection, events, options.transaction);
  const readModel = await options.readModel();
  expect(readModel, `the read model of ${projection.name}`).toEqual(expected);
  return readModel;
}

/**
 * Starts a given/then spec of a projection (or a reactor): it calls `init`, runs the handlers (or
 * `handleBatch`, with every event in one batch) over the events as stored events, then compares
 * `options.readModel()` with what you expect. Events made by factories get positions 1, 2, 3… and
 * versions counted per `subject` (one stream when they have none); stored events are passed unchanged.
 * The context is `{ projectionName, transaction }`, with no runner, checkpoint or retry.
 *
 * @example
 * const totals = new Map<string, number>();
 * await projectionSpec(orderTotals, { readModel: () => Object.fromEntries(totals) })
 *   .given([OrderPlaced({ orderId: 'o-1', totalAmount: 99 }, { subject: 'o-1' })])
 *   .then({ 'o-1': 99 });
 */
export function projectionSpec<T>(projection: Projection, options: ProjectionSpecOptions<T>): ProjectionSpec<T> {
  return {
    given(events) {
      const stored = Object.freeze(toStoredEvents(events));
      return {
        // biome-ignore lint/suspicious/noThenProperty: the given/then vocabulary; `then` takes the read model, not callbacks.
        then(expected: T, ...awaitCallbacks: unknown[]): Promise<T> {
          if (typeof expected === 'function') {
            // Awaiting the spec itself calls then(resolve, reject): reject, saying what to call instead.
            const misuse = new TypeError(
              'A given(...) projection spec is not awaitable: call .then(expectedReadModel).',
            );
            return Promise.reject(misuse).then(undefined, awaitCallbacks[0] as (reason: unknown) => never);
          }
          return expectReadModel(projection, stored, options, expected);
        },
        async thenThrows<E extends Error>(errorClass: ErrorClass<E>): Promise<E> {
          let thrown: unknown;
          let threw = false;
          try {
            await project(projection, stored, options.transaction);
          } catch (error) {
            thrown = error;
            threw = true;
          }
          expect(threw, `a handler of ${projection.name} should throw ${errorClass.name}`).toBe(true);
          expect(thrown).toBeInstanceOf(errorClass);
          return thrown as E;
        },
      };
    },
  };
}
