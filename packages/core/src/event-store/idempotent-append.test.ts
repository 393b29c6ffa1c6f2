import { describe, expect, it } from 'vitest';
import { DuplicateEventError } from '../errors/duplicate-event-error';
import { caughtError } from '../internal/caught-error';
import { defineEvent, payload } from '../messages/define-message';
import type { Event } from '../messages/message';
import type { StoredEvent } from './event-store';
import { matchRetriedAppend } from './idempotent-append';

const ItemAdded = defineEvent('ItemAdded', payload<{ sku: string }>());

const [first, second, third] = ['a', 'b', 'c'].map((sku) => ItemAdded({ sku })) as [Event, Event, Event];

function stored(event: Event, streamId: string, version: number, position: bigint): StoredEvent {
  return Object.freeze({ ...event, streamId, version, position });
}

function findIn(events: readonly StoredEvent[]): (eventId: string) => StoredEvent | undefined {
  const byId = new Map(events.map((event) => [event.id, event]));
  return (eventId) => byId.get(eventId);
}

// `first`, `second` and `third` as stored by one append: versions 1–3 of `cart-1`, positions 10–12.
const cart = [stored(first, 'cart-1', 1, 10n), stored(second, 'cart-1', 2, 11n), stored(third, 'cart-1', 3, 12n)];

describe('matchRetriedAppend', () => {
  it('returns undefined when no event of the append is stored', () => {
    const result = matchRetriedAppend('cart-1', [first, second], findIn([]));

    expect(result).toBeUndefined();
  });

  it('returns undefined for an empty append', () => {
    const result = matchRetriedAppend('cart-1', [], findIn(cart));

    expect(result).toBeUndefined();
  });

  it('returns the original result for an exact retry', () => {
    const result = matchRetriedAppend('cart-1', [first, second, third], findIn(cart));

    expect(result).toEqual({ nextExpectedVersion: 3, lastPosition: 12n, events: cart });
  });

  it('returns a frozen result for a retry', () => {
    const result = matchRetriedAppend('cart-1', [first, second, third], findIn(cart));

    expect(Object.isFrozen(result)).toBe(true);
    expect(Object.isFrozen(result?.events)).toBe(true);
  });

  it('rejects a partial overlap with a DuplicateEventError naming the stored event', () => {
    const fresh = ItemAdded({ sku: 'd' });

    const error = caughtError(() => matchRetriedAppend('cart-1', [third, fresh], findIn(cart)));

    expect(error).toBeInstanceOf(DuplicateEventError);
    expect(error).toMatchObject({ code: 'DUPLICATE_EVENT', streamId: 'cart-1', eventId: third.id });
  });

  it('rejects an event stored in another stream with a DuplicateEventError', () => {
    const error = caughtError(() => matchRetriedAppend('cart-2', [first, second, third], findIn(cart)));

    expect(error).toBeInstanceOf(DuplicateEventError);
    expect(error).toMatchObject({ streamId: 'cart-2', eventId: first.id });
  });

  it('rejects stored events in another order with a DuplicateEventError', () => {
    const error = caughtError(() => matchRetriedAppend('cart-1', [second, first], findIn(cart)));

    expect(error).toBeInstanceOf(DuplicateEventError);
    expect(error).toMatchObject({ streamId: 'cart-1', eventId: first.id });
  });

  it('rejects stored events that are not contiguous with a DuplicateEventError', () => {
    const error = caughtError(() => matchRetriedAppend('cart-1', [first, third], findIn(cart)));

    expect(error).toBeInstanceOf(DuplicateEventError);
    expect(error).toMatchObject({ eventId: third.id });
  });

  it('rejects the same new id twice in one append with a DuplicateEventError', () => {
    const fresh = ItemAdded({ sku: 'd' });

    const error = caughtError(() => matchRetriedAppend('cart-1', [fresh, fresh], findIn([])));

    expect(error).toBeInstanceOf(DuplicateEventError);
    expect(error).toMatchObject({ streamId: 'cart-1', eventId: fresh.id });
  });

  it('rejects a stored id repeated in one append with a DuplicateEventError', () => {
    const error = caughtError(() => matchRetriedAppend('cart-1', [first, first], findIn(cart)));

    expect(error).toBeInstanceOf(DuplicateEventError);
    expect(error).toMatchObject({ eventId: first.id });
  });
});
