import { defineEvent, type Event, type MessageMetadata, payload, uuidv7 } from '@orchestrix/core';

/** An event type the EventStore contract appends: an item added to a cart. */
export const ItemAdded = defineEvent('ItemAdded', payload<{ sku: string; quantity: number }>());

/** A second event type of the EventStore contract, with no data. */
export const CartCheckedOut = defineEvent('CartCheckedOut');

/** Makes `count` distinct `ItemAdded` events, `sku-<first>` onwards. */
export function itemsAdded(count: number, metadata: MessageMetadata = {}, first = 1): Event[] {
  return Array.from({ length: count }, (_, index) => ItemAdded({ sku: `sku-${first + index}`, quantity: 1 }, metadata));
}

/**
 * Builds an event by hand, as a plain unfrozen object whose `data` is used as given: the way to hand a
 * store data a factory would have normalised or refused.
 */
export function handBuiltEvent(data: unknown, type = 'ItemAdded'): Event {
  const event = {
    kind: 'event',
    type,
    data,
    id: uuidv7(),
    specversion: '1.0',
    source: 'orchestrix-contract',
    timestamp: new Date().toISOString(),
    schemaVersion: 1,
  };
  return event as Event;
}
