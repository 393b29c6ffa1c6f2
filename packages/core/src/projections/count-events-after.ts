import type { EventStore } from '../event-store/event-store';

/**
 * Counts the events on the feed after `after` and finds the head: the position of the last one (`after`
 * when there is none). Internal to the runner.
 */
export async function countEventsAfter(source: EventStore, after: bigint): Promise<{ count: number; head: bigint }> {
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
