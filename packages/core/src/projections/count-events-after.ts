import type { EventStore, FeedCount } from '../event-store/event-store';

/**
 * Counts the events on the feed after `after` and finds the head: the position of the last one (`after`
 * when there is none), in one call when the store offers `countAfter`, else paging through `readAll`.
 * Internal to the runner.
 */
export async function countEventsAfter(source: EventStore, after: bigint): Promise<FeedCount> {
  if (source.countAfter !== undefined) return source.countAfter(after);
  let count = 0;
  let head = after;
  for (;;) {
    const events = await source.readAll({ after: head, limit: 1000 });
    const last = events.at(-1);
    if (last === undefined) return { count, head };
    count += events.length;
    head = last.position;
  }
}
