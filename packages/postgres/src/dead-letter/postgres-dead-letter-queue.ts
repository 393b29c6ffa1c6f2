import {
  type Clock,
  type DeadLetter,
  type DeadLetterFilter,
  type DeadLetterQueue,
  encodeJson,
  type NewDeadLetter,
  prepareDeadLetter,
  type RedriveResult,
  type RedriveTarget,
  redriveLetters,
  validateDeadLetterFilter,
} from '@orchestrix/core';
import { type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from '../internal/database';
import { PostgresStore } from '../internal/postgres-store';
import { sqlTime } from '../internal/sql-clock';
import type { PostgreSQLEventStoreOptions } from '../options';
import { DEAD_LETTER_COLUMNS, messageEnvelope, rowToDeadLetter } from './dead-letter-rows';

/** Options of {@link PostgresDeadLetterQueue}: the event store's connection options, and a clock. */
export interface PostgresDeadLetterQueueOptions
  extends Omit<PostgreSQLEventStoreOptions, 'upcasters' | 'metrics' | 'tracer'> {
  /** Where a failed redrive's `failedAt` is read; the database's `now()` unless given. */
  readonly clock?: Clock;
}

type LetterQuery<O> = SelectQueryBuilder<Database, 'dead_letters', O>;

function filtered<O>(query: LetterQuery<O>, filter: Omit<DeadLetterFilter, 'limit'>): LetterQuery<O> {
  let narrowed = query;
  if (filter.handlerName !== undefined) narrowed = narrowed.where('handler_name', '=', filter.handlerName);
  if (filter.messageType !== undefined) narrowed = narrowed.where('message_type', '=', filter.messageType);
  return narrowed;
}

/**
 * A {@link DeadLetterQueue} on PostgreSQL. A letter's message is stored whole (its envelope and data,
 * through core's JSON codec) and comes back as the same frozen message; letters are listed in the order
 * they were enqueued, and a letter keeps its place when a redrive fails again.
 *
 * Build it from the event store's options (then call `initialize()`), or with `store.deadLetters()`.
 *
 * @example
 * const deadLetterQueue = store.deadLetters();
 * const bus = new InMemoryMessageBus({ retry: new FixedDelay({ maxRetries: 2, delayMs: 100 }), deadLetterQueue });
 * // …after fixing the handler:
 * const { succeeded, failed } = await deadLetterQueue.redrive(bus);
 */
export class PostgresDeadLetterQueue extends PostgresStore implements DeadLetterQueue {
  constructor(options: PostgresDeadLetterQueueOptions) {
    super('PostgresDeadLetterQueue', options);
  }

  /**
   * Stores a letter under a new UUID v7 id (or its own `id`, replacing a letter of that id in place)
   * and returns it, frozen, exactly as `get` will.
   *
   * @throws {@link ValidationError} when the letter lacks a message, handler name, attempts or time.
   * @throws {@link SerializationError} when the message or error cannot round-trip through JSON.
   */
  async enqueue(letter: NewDeadLetter): Promise<DeadLetter> {
    const prepared = prepareDeadLetter(letter);
    const message = encodeJson(messageEnvelope(prepared.message), 'message');
    const error = encodeJson(prepared.error, 'error');
    const row = await this.run(`enqueue a dead letter for "${prepared.handlerName}"`, () =>
      this.db
        .insertInto('dead_letters')
        .values({
          id: prepared.id,
          handler_name: prepared.handlerName,
          message_type: prepared.message.type,
          message,
          attempts: prepared.attempts,
          error,
          failed_at: new Date(prepared.failedAt),
        })
        .onConflict((conflict) =>
          conflict.column('id').doUpdateSet((update) => ({
            handler_name: update.ref('excluded.handler_name'),
            message_type: update.ref('excluded.message_type'),
            message: update.ref('excluded.message'),
            attempts: update.ref('excluded.attempts'),
            error: update.ref('excluded.error'),
            failed_at: update.ref('excluded.failed_at'),
          })),
        )
        .returning(DEAD_LETTER_COLUMNS)
        .executeTakeFirstOrThrow(),
    );
    return rowToDeadLetter(row);
  }

  /**
   * Letters in the order they were enqueued, optionally only one handler's or one message type's, at
   * most `limit` of them.
   *
   * @throws {@link ValidationError} when `limit` is not a whole number of at least 0.
   */
  async list(filter: DeadLetterFilter = {}): Promise<DeadLetter[]> {
    validateDeadLetterFilter(filter);
    if (filter.limit === 0) return [];
    const rows = await this.run('list dead letters', () => {
      let query = filtered(this.db.selectFrom('dead_letters').select(DEAD_LETTER_COLUMNS), filter).orderBy(
        'queue_order',
      );
      if (filter.limit !== undefined) query = query.limit(filter.limit);
      return query.execute();
    });
    return rows.map(rowToDeadLetter);
  }

  /** How many letters there are, optionally only one handler's or one message type's. */
  async count(filter: Omit<DeadLetterFilter, 'limit'> = {}): Promise<number> {
    const row = await this.run('count dead letters', () =>
      filtered(
        this.db.selectFrom('dead_letters').select(sql<number>`count(*)::integer`.as('count')),
        filter,
      ).executeTakeFirstOrThrow(),
    );
    return row.count;
  }

  /** The letter with `id`, or `undefined`. */
  async get(id: string): Promise<DeadLetter | undefined> {
    const row = await this.run('get a dead letter', () =>
      this.db.selectFrom('dead_letters').select(DEAD_LETTER_COLUMNS).where('id', '=', id).executeTakeFirst(),
    );
    return row === undefined ? undefined : rowToDeadLetter(row);
  }

  /** Removes a letter; `true` when it existed. */
  async remove(id: string): Promise<boolean> {
    const row = await this.run('remove a dead letter', () =>
      this.db.deleteFrom('dead_letters').where('id', '=', id).returning('id').executeTakeFirst(),
    );
    return row !== undefined;
  }

  /** Removes every letter. */
  async clear(): Promise<void> {
    await this.run('clear the dead letters', () => this.db.deleteFrom('dead_letters').execute());
  }

  /**
   * Delivers each letter (of `filter`, or all, oldest first, one at a time) again through
   * `target.deliverTo(letter.handlerName, letter.message)`: one attempt per letter. Removes the letters
   * that succeed and keeps the others in place with `attempts` increased by one, the new error and a
   * new `failedAt`. Run one redrive of a queue at a time: two at once may deliver a letter twice.
   *
   * @throws {@link ValidationError} when `filter.limit` is not a whole number of at least 0.
   */
  async redrive(target: RedriveTarget, filter: DeadLetterFilter = {}): Promise<RedriveResult> {
    return redriveLetters(await this.list(filter), target, {
      removeDelivered: async (letter) => {
        await this.remove(letter.id);
      },
      recordFailure: (letter, error) => this.#recordFailure(letter.id, encodeJson(error, 'error')),
    });
  }

  /** Counts one more attempt of a letter, with its new error; a letter removed meanwhile stays removed. */
  async #recordFailure(id: string, error: string): Promise<void> {
    const time = sqlTime(this.clock);
    await this.run('record a failed redrive', () =>
      this.db
        .updateTable('dead_letters')
        .set((set) => ({ attempts: set('attempts', '+', 1), error, failed_at: time.now }))
        .where('id', '=', id)
        .execute(),
    );
  }
}
