import { DuplicateEventError } from '../errors/duplicate-event-error';
import type { Event } from '../messages/message';
import type { AppendResult, StoredEvent } from './event-store';

// Ids made by one factory in order (UUID v7) increase, so the common case needs no set to find repeats.
function hasStrictlyIncreasingIds(events: readonly Event[]): boolean {
  for (let index = 1; index < events.length; index += 1) {
    if (!((events[index] as Event).id > (events[index - 1] as Event).id)) return false;
  }
  return true;
}

/**
 * The one idempotency decision every store calls before checking the expected version. Returns
 * `undefined` when no event id of the append is stored yet (a new append), or the original result when
 * every event is already stored in this stream, contiguous and in the same order (a retried append).
 *
 * @param findStored - Looks up a stored event by id (the store's unique index).
 * @throws {@link DuplicateEventError} for any other reuse of a stored id, or an id twice in one append.
 */
export function matchRetriedAppend(
  streamId: string,
  events: readonly Event[],
  findStored: (eventId: string) => StoredEvent | undefined,
): AppendResult | undefined {
  if (!hasStrictlyIncreasingIds(events)) {
    const seen = new Set<string>();
    for (const event of events) {
      if (seen.has(event.id)) throw new DuplicateEventError(streamId, event.id);
      seen.add(event.id);
    }
  }
  const stored: StoredEvent[] = [];
  for (const event of events) {
    const match = findStored(event.id);
    if (match !== undefined) stored.push(match);
  }
  if (stored.length === 0) return undefined;
  const first = stored[0] as StoredEvent;
  const isRetry =
    stored.length === events.length &&
    stored.every((event, index) => event.streamId === streamId && event.version === first.version + index);
  if (!isRetry) {
    const offending = stored.find(
      (event, index) => event.streamId !== streamId || event.version !== first.version + index,
    );
    throw new DuplicateEventError(streamId, (offending ?? first).id);
  }
  const last = stored[stored.length - 1] as StoredEvent;
  return Object.freeze({
    nextExpectedVersion: last.version,
    lastPosition: last.position,
    events: Object.freeze(stored),
  });
}
