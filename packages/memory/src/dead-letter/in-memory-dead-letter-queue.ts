import {
  type Clock,
  type DeadLetter,
  type DeadLetterFilter,
  type DeadLetterQueue,
  type NewDeadLetter,
  prepareDeadLetter,
  type RedriveResult,
  type RedriveTarget,
  redriveLetters,
  systemClock,
  validateDeadLetterFilter,
} from '@orchestrix/core';

/** Options of {@link InMemoryDeadLetterQueue}. */
export interface InMemoryDeadLetterQueueOptions {
  /** Where a failed redrive's `failedAt` is read; default `systemClock`. */
  readonly clock?: Clock;
}

function matches(letter: DeadLetter, filter: Omit<DeadLetterFilter, 'limit'>): boolean {
  return (
    (filter.handlerName === undefined || letter.handlerName === filter.handlerName) &&
    (filter.messageType === undefined || letter.message.type === filter.messageType)
  );
}

/**
 * A {@link DeadLetterQueue} in one process's memory: letters are frozen plain data, listed in the order
 * they were enqueued (a letter keeps its place when a redrive fails again). The message is kept as given.
 *
 * @example
 * const deadLetterQueue = new InMemoryDeadLetterQueue();
 * const bus = new InMemoryMessageBus({ retry: new FixedDelay({ maxRetries: 2, delayMs: 100 }), deadLetterQueue });
 * // …after fixing the handler:
 * const { succeeded, failed } = await deadLetterQueue.redrive(bus);
 */
export class InMemoryDeadLetterQueue implements DeadLetterQueue {
  readonly #letters = new Map<string, DeadLetter>();
  readonly #clock: Clock;

  constructor(options: InMemoryDeadLetterQueueOptions = {}) {
    this.#clock = options.clock ?? systemClock;
  }

  /**
   * Stores a letter under a new UUID v7 id (or its own `id`, replacing a letter of that id in place)
   * and returns it, frozen.
   *
   * @throws {@link ValidationError} when the letter lacks a message, handler name, attempts or time.
   */
  async enqueue(letter: NewDeadLetter): Promise<DeadLetter> {
    const stored = prepareDeadLetter(letter);
    this.#letters.set(stored.id, stored);
    return stored;
  }

  /**
   * Letters in the order they were enqueued, optionally only one handler's or one message type's, at
   * most `limit` of them.
   *
   * @throws {@link ValidationError} when `limit` is not a whole number of at least 0.
   */
  async list(filter: DeadLetterFilter = {}): Promise<DeadLetter[]> {
    validateDeadLetterFilter(filter);
    const limit = filter.limit ?? Number.POSITIVE_INFINITY;
    const letters: DeadLetter[] = [];
    for (const letter of this.#letters.values()) {
      if (letters.length >= limit) break;
      if (matches(letter, filter)) letters.push(letter);
    }
    return letters;
  }

  /** How many letters there are, optionally only one handler's or one message type's. */
  async count(filter: Omit<DeadLetterFilter, 'limit'> = {}): Promise<number> {
    let count = 0;
    for (const letter of this.#letters.values()) if (matches(letter, filter)) count += 1;
    return count;
  }

  /** The letter with `id`, or `undefined`. */
  async get(id: string): Promise<DeadLetter | undefined> {
    return this.#letters.get(id);
  }

  /** Removes a letter; `true` when it existed. */
  async remove(id: string): Promise<boolean> {
    return this.#letters.delete(id);
  }

  /** Removes every letter. */
  async clear(): Promise<void> {
    this.#letters.clear();
  }

  /**
   * Delivers each letter (of `filter`, or all, oldest first, one at a time) again through
   * `target.deliverTo(letter.handlerName, letter.message)`. Removes the letters that succeed and keeps
   * the others in place with `attempts` increased by one, the new error and a new `failedAt`.
   *
   * @throws {@link ValidationError} when `filter.limit` is not a whole number of at least 0.
   */
  async redrive(target: RedriveTarget, filter: DeadLetterFilter = {}): Promise<RedriveResult> {
    return redriveLetters(await this.list(filter), target, {
      removeDelivered: async (letter) => {
        this.#letters.delete(letter.id);
      },
      recordFailure: async (letter, error) => {
        // A letter removed while it was redriven stays removed.
        if (!this.#letters.has(letter.id)) return;
        const failedAt = this.#clock.now().toISOString();
        this.#letters.set(letter.id, Object.freeze({ ...letter, attempts: letter.attempts + 1, error, failedAt }));
      },
    });
  }
}
