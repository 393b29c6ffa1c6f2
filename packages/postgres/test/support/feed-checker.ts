import { setTimeout as delay } from 'node:timers/promises';

/** What the checker needs of one event of a global feed. */
export interface FeedEntry {
  readonly id: string;
  readonly streamId: string;
  readonly version: number;
  readonly position: bigint;
}

/** Reads the feed after a position, in position order, at most `limit` entries. */
export type ReadFeed = (after: bigint, limit: number) => Promise<readonly FeedEntry[]>;

/** What went wrong between what a follower was handed and the feed as finally stored; empty lists when nothing. */
export interface FeedReport {
  /** Ids in the final feed that the follower never received. */
  readonly skipped: readonly string[];
  /** Ids the follower received more than once. */
  readonly duplicated: readonly string[];
  /** Ids the follower received that the final feed does not hold. */
  readonly phantom: readonly string[];
  /** Ids the follower received at a position not above the one received before. */
  readonly reordered: readonly string[];
  /** Ids whose stream version is not the one after the stream's previous event along the final feed. */
  readonly outOfStreamOrder: readonly string[];
  /** Ids of acknowledged appends missing from the final feed. */
  readonly lost: readonly string[];
}

/** The report of a follower that received exactly the final feed. */
export const CLEAN_FEED_REPORT: FeedReport = Object.freeze({
  skipped: [],
  duplicated: [],
  phantom: [],
  reordered: [],
  outOfStreamOrder: [],
  lost: [],
});

/**
 * Compares what a follower received, chunk after chunk, with the feed read from scratch at the end, and
 * with the ids whose appends were acknowledged: nothing skipped, nothing twice, nothing invented, positions
 * increasing, and each stream's versions 1, 2, 3… in feed order.
 */
export function checkFeed(input: {
  readonly followed: readonly FeedEntry[];
  readonly final: readonly FeedEntry[];
  readonly acknowledged?: Iterable<string>;
}): FeedReport {
  const finalIds = new Set(input.final.map((entry) => entry.id));
  const seen = new Set<string>();
  const duplicated: string[] = [];
  const phantom: string[] = [];
  const reordered: string[] = [];
  let previous: bigint | undefined;
  for (const entry of input.followed) {
    if (seen.has(entry.id)) duplicated.push(entry.id);
    seen.add(entry.id);
    if (!finalIds.has(entry.id)) phantom.push(entry.id);
    if (previous !== undefined && entry.position <= previous) reordered.push(entry.id);
    previous = entry.position;
  }
  const skipped = input.final.filter((entry) => !seen.has(entry.id)).map((entry) => entry.id);

  const streamVersions = new Map<string, number>();
  const outOfStreamOrder: string[] = [];
  let finalPrevious: bigint | undefined;
  for (const entry of input.final) {
    const expected = (streamVersions.get(entry.streamId) ?? 0) + 1;
    if (entry.version !== expected || (finalPrevious !== undefined && entry.position <= finalPrevious)) {
      outOfStreamOrder.push(entry.id);
    }
    streamVersions.set(entry.streamId, entry.version);
    finalPrevious = entry.position;
  }

  const lost = [...(input.acknowledged ?? [])].filter((id) => !finalIds.has(id));
  return { skipped, duplicated, phantom, reordered, outOfStreamOrder, lost };
}

/** Reads a whole feed from the start, page after page. */
export async function readWholeFeed(read: ReadFeed, pageSize = 1000): Promise<FeedEntry[]> {
  const entries: FeedEntry[] = [];
  let after = 0n;
  for (;;) {
    const page = await read(after, pageSize);
    entries.push(...page);
    const last = page.at(-1);
    if (last === undefined || page.length < pageSize) return entries;
    after = last.position;
  }
}

/**
 * A reader that follows a feed as a projection would: it reads after the last position it received and
 * keeps everything it was handed, in order. Reads never overlap; a failed read is kept in `errors` and
 * retried by the next one.
 */
export class FeedFollower {
  readonly received: FeedEntry[] = [];
  readonly errors: unknown[] = [];
  readonly #read: ReadFeed;
  readonly #pageSize: number;
  #after: bigint;
  #queue: Promise<unknown> = Promise.resolve();
  #running: Promise<void> | undefined;
  #stopping = false;

  constructor(read: ReadFeed, options: { readonly after?: bigint; readonly pageSize?: number } = {}) {
    this.#read = read;
    this.#after = options.after ?? 0n;
    this.#pageSize = options.pageSize ?? 100;
  }

  /** The position of the last entry received (or the starting position). */
  get position(): bigint {
    return this.#after;
  }

  /** One read after the current position; resolves with the number of entries received, 0 after a failure. */
  poll(): Promise<number> {
    const next = this.#queue.then(async () => {
      try {
        const page = await this.#read(this.#after, this.#pageSize);
        this.received.push(...page);
        const last = page.at(-1);
        if (last !== undefined) this.#after = last.position;
        return page.length;
      } catch (error) {
        this.errors.push(error);
        return 0;
      }
    });
    this.#queue = next;
    return next;
  }

  /**
   * Reads until one read succeeds with less than a page: everything readable when that read started has
   * been received.
   */
  async catchUp(): Promise<void> {
    for (;;) {
      const errorsBefore = this.errors.length;
      const count = await this.poll();
      if (this.errors.length === errorsBefore && count < this.#pageSize) return;
      if (count === 0) await delay(20);
    }
  }

  /** Starts polling in the background until {@link drain}. */
  start(idleMs = 2): void {
    this.#running = (async () => {
      while (!this.#stopping) {
        const errorsBefore = this.errors.length;
        if ((await this.poll()) === 0) await delay(this.errors.length > errorsBefore ? 50 : idleMs);
      }
    })();
  }

  /** Stops background polling without reading further. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#running;
  }

  /**
   * Stops background polling, then reads until caught up. Call it once every writer has been answered and no
   * transaction holds the horizon: everything committed is then readable.
   */
  async drain(): Promise<FeedEntry[]> {
    await this.stop();
    await this.catchUp();
    return this.received;
  }
}
