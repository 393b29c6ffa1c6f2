import type { Clock } from '@orchestrix/core';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { StoreTimeouts } from '../errors/to-orchestrix-error';
import type { PostgreSQLEventStoreOptions } from '../options';
import type { InitializeOptions } from '../postgresql-event-store';
import type { Database } from './database';
import { connectionFor, type StoreConnection } from './store-connection';

/** What every store on a {@link StoreConnection} is built from: the event store's options, and a clock. */
export interface PostgresStoreOptions extends Omit<PostgreSQLEventStoreOptions, 'upcasters' | 'metrics' | 'tracer'> {
  readonly clock?: Clock;
}

/**
 * What the checkpoint, saga state and dead-letter stores share: a connection of their own (from options)
 * or the event store's (from `store.checkpoints()` and its siblings), `schema`, `initialize()`, `close()`,
 * and running work once initialized, with pg's errors mapped to typed Orchestrix errors.
 *
 * @internal Not part of the public API.
 */
export abstract class PostgresStore {
  /** The schema's tables, through `withSchema`. */
  protected readonly db: Kysely<Database>;
  /** Where times are read; the database's `now()` when undefined. */
  protected readonly clock: Clock | undefined;
  readonly #connection: StoreConnection;
  readonly #storeName: string;

  /** @param storeName - The class, named in the error when it is used before `initialize()`. */
  protected constructor(storeName: string, options: PostgresStoreOptions) {
    this.#connection = connectionFor(options);
    this.#storeName = storeName;
    this.db = this.#connection.db;
    this.clock = options.clock;
  }

  /** The time limits of this store's connection, named in timeout errors. */
  protected get timeouts(): StoreTimeouts {
    return this.#connection.timeouts;
  }

  /** The pg pool this store runs on (its own or the event store's). */
  protected get pool(): pg.Pool {
    return this.#connection.pool;
  }

  /** The schema this store's table lives in. */
  get schema(): string {
    return this.#connection.schema;
  }

  /**
   * Runs the numbered migrations (or, with `{ migrate: false }`, only verifies them); see
   * `PostgreSQLEventStore.initialize`. A store from the event store (`store.checkpoints()`,
   * `store.sagaStates()`, `store.deadLetters()`) initializes its event store.
   *
   * @throws {@link StoreUnavailableError} when the database is unreachable or the schema is behind.
   */
  async initialize(options: InitializeOptions = {}): Promise<void> {
    await this.#connection.initialize(options.migrate !== false);
  }

  /** Ends the pool if this store owns it; a store from the event store leaves that to `store.close()`. */
  async close(): Promise<void> {
    await this.#connection.close();
  }

  /**
   * Runs `work` once the schema is initialized, mapping pg's errors to typed Orchestrix errors.
   *
   * @param description - What is being done, e.g. `store checkpoint "orders-view"`.
   * @throws {@link StoreUnavailableError} before `initialize()`, naming the store.
   */
  protected run<T>(description: string, work: () => Promise<T>): Promise<T> {
    return this.#connection.run(this.#storeName, description, work);
  }
}
