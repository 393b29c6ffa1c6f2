import type { Message } from '../messages/message';
import type { DeadLetter } from './dead-letter';

/** What a letter is delivered to when redriven: a bus, or any consumer that can address one handler. */
export interface RedriveTarget {
  deliverTo(handlerName: string, message: Message): Promise<void>;
}

/** Filters for listing and counting letters: one consumer's letters, or a message type's. */
export interface DeadLetterFilter {
  readonly handlerName?: string;
  readonly messageType?: string;
  /** At most this many letters, oldest first. */
  readonly limit?: number;
}

/** A new letter: everything but the id, which the queue assigns. */
export type NewDeadLetter = Omit<DeadLetter, 'id'> & { readonly id?: string };

/** What {@link DeadLetterQueue.redrive} did. */
export interface RedriveResult {
  readonly succeeded: number;
  readonly failed: number;
}

/** Holds messages that failed in a handler after its retries, until a person redrives or removes them. */
export interface DeadLetterQueue {
  /** Stores a letter and returns it with its id. Never drops it silently: a failure rejects. */
  enqueue(letter: NewDeadLetter): Promise<DeadLetter>;
  /** Letters oldest first, optionally of one handler or message type. */
  list(filter?: DeadLetterFilter): Promise<DeadLetter[]>;
  count(filter?: Omit<DeadLetterFilter, 'limit'>): Promise<number>;
  get(id: string): Promise<DeadLetter | undefined>;
  /** Removes a letter; `true` when it existed. */
  remove(id: string): Promise<boolean>;
  clear(): Promise<void>;
  /**
   * Delivers each letter (of `filter`, or all) again to its own handler only; removes those that succeed
   * and keeps the others with `attempts` increased and the new error.
   */
  redrive(target: RedriveTarget, filter?: DeadLetterFilter): Promise<RedriveResult>;
}
