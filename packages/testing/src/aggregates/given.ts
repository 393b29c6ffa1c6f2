import { type AggregateClass, type AggregateRoot, type Event, normalizeJson } from '@orchestrix/core';
import { expect } from 'vitest';

/** An expected event: a message from a factory, or just its `type` and `data`. */
export type ExpectedEvent = Event | { readonly type: string; readonly data: unknown };

/** An error class `thenThrows` checks the decision's error against. */
export type ErrorClass<E extends Error = Error> = abstract new (...parameters: never[]) => E;

/** A decision on an aggregate: calls a command method; may return a Promise. */
export type Decision<A extends AggregateRoot> = (aggregate: A) => unknown;

/** The outcome half of a spec: what the decision must produce. */
export interface WhenSpec<A extends AggregateRoot> {
  /**
   * Runs the decision and checks that it applied exactly `expected`, compared by `type` and `data`
   * (ids, timestamps and metadata are ignored). Resolves with the aggregate.
   */
  then(expected: readonly ExpectedEvent[]): Promise<A>;
  /** Runs the decision and checks that it threw (or rejected with) an instance of `errorClass`. Resolves with it. */
  thenThrows<E extends Error>(errorClass: ErrorClass<E>): Promise<E>;
  /** Runs the decision, which must succeed, then calls `check` (your own `expect`s) with the aggregate. */
  thenState(check: (aggregate: A) => unknown): Promise<A>;
}

/** The history half of a spec: an aggregate rebuilt from prior events. */
export interface GivenSpec<A extends AggregateRoot> {
  /** Sets the decision under test; nothing runs until `then`, `thenThrows` or `thenState`. */
  when(decision: Decision<A>): WhenSpec<A>;
}

function comparable(event: ExpectedEvent): { type: string; data: unknown } {
  return { type: event.type, data: normalizeJson(event.data, `${event.type}.data`) };
}

async function decide<A extends AggregateRoot>(
  aggregateClass: AggregateClass<A>,
  history: readonly Event[],
  decision: Decision<A>,
): Promise<A> {
  const aggregate = new aggregateClass();
  aggregate.loadFromHistory(history);
  await decision(aggregate);
  return aggregate;
}

async function expectEvents<A extends AggregateRoot>(
  aggregateClass: AggregateClass<A>,
  history: readonly Event[],
  decision: Decision<A>,
  expected: readonly ExpectedEvent[],
): Promise<A> {
  const aggregate = await decide(aggregateClass, history, decision);
  expect(aggregate.uncommittedEvents.map(comparable), 'the events the decision applied').toEqual(
    expected.map(comparable),
  );
  return aggregate;
}

function whenSpec<A extends AggregateRoot>(
  aggregateClass: AggregateClass<A>,
  history: readonly Event[],
  decision: Decision<A>,
): WhenSpec<A> {
  return {
    // biome-ignore lint/suspicious/noThenProperty: the given/when/then vocabulary; `then` takes events, not callbacks.
    then(expected: readonly ExpectedEvent[], ...awaitCallbacks: unknown[]): Promise<A> {
      if (!Array.isArray(expected)) {
        // Awaiting the spec itself calls then(resolve, reject): reject, saying what to call instead.
        const misuse = new TypeError('A when(...) spec is not awaitable: call .then([...expected events]) on it.');
        return Promise.reject(misuse).then(undefined, awaitCallbacks[0] as (reason: unknown) => never);
      }
      return expectEvents(aggregateClass, history, decision, expected);
    },
    async thenThrows<E extends Error>(errorClass: ErrorClass<E>): Promise<E> {
      let thrown: unknown;
      let threw = false;
      try {
        await decide(aggregateClass, history, decision);
      } catch (error) {
        thrown = error;
        threw = true;
      }
      expect(threw, `the decision should throw ${errorClass.name}`).toBe(true);
      expect(thrown).toBeInstanceOf(errorClass);
      return thrown as E;
    },
    async thenState(check: (aggregate: A) => unknown): Promise<A> {
      const aggregate = await decide(aggregateClass, history, decision);
      await check(aggregate);
      return aggregate;
    },
  };
}

/**
 * Starts a given/when/then spec of an aggregate: `aggregateClass` rebuilt from `history` (events made by
 * factories), then a decision, then the events it must apply, the error it must throw, or checks on the
 * state. Every assertion builds a fresh aggregate, and failures read as vitest `expect` failures.
 *
 * @example
 * await given(Order, [OrderCreated({ orderId: 'o-1', totalAmount: 99 })])
 *   .when((order) => order.ship())
 *   .then([OrderShipped({ orderId: 'o-1' })]);
 * await given(Order, []).when((order) => order.ship()).thenThrows(OrderNotFoundError);
 */
export function given<A extends AggregateRoot>(
  aggregateClass: AggregateClass<A>,
  history: readonly Event[] = [],
): GivenSpec<A> {
  const frozenHistory = Object.freeze([...history]);
  return {
    when: (decision) => whenSpec(aggregateClass, frozenHistory, decision),
  };
}
