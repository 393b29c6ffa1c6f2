import { noopLogger, StoreUnavailableError } from '@orchestrix/core';
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { type StoreTimeouts, toOrchestrixError } from '../errors/to-orchestrix-error';
import { migrate, verifySchema } from '../migrations/migrate';
import { type PostgreSQLEventStoreOptions, resolveOptions } from '../options';
import { createPool, guardPool } from './create-pool';
import type { Database } from './database';

/** How a connection is initialized and closed: by itself, or by the event store it was shared from. */
export interface ConnectionLifecycle {
  isInitialized(): boolean;
  initialize(migrateSchema: boolean): Promise<void>;
  /** Runs work the pool's owner waits for in `close()`; refuses work once closing began. */
  track<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** What {@link StoreConnection.open} adds for the event store. */
export interface OpenSettings {
  /** Also route the errors of a pool the caller gave to the logger (see `guardPool`); `false` unless given. */
  readonly guardGivenPool?: boolean;
  /** Runs after the migrations are applied or verified, its errors mapped the same way. */
  readonly afterMigrate?: (db: Kysely<unknown>) => Promise<void>;
}

/**
 * What the event store and the checkpoint, saga state and dead-letter stores run on: a schema's kysely
 * instance, the time limits errors name, and whether the schema was initialized. The event store and a
 * store built from options open their own; one built by `PostgreSQLEventStore` shares the event store's
 * pool, kysely instance and initialization (see `shared()`).
 *
 * @internal Not part of the public API.
 */
export class StoreConnection {
  readonly schema: string;
  /** The schema's tables, through `withSchema`. */
  readonly db: Kysely<Database>;
  readonly timeouts: StoreTimeouts;
  /** The pg pool under `db`, for the few statements that go to pg directly (named prepared statements). */
  readonly pool: pg.Pool;
  readonly #lifecycle: ConnectionLifecycle;

  constructor(
    schema: string,
    db: Kysely<Database>,
    pool: pg.Pool,
    timeouts: StoreTimeouts,
    lifecycle: ConnectionLifecycle,
  ) {
    this.schema = schema;
    this.db = db;
    this.pool = pool;
    this.timeouts = timeouts;
    this.#lifecycle = lifecycle;
  }

  /**
   * Opens a connection of its own from the event store's options (a connection string or a pool).
   *
   * @param settings - What the event store adds: guarding the caller's pool, and checks after migrating.
   */
  static open(options: PostgreSQLEventStoreOptions, settings: OpenSettings = {}): StoreConnection {
    const resolved = resolveOptions(options);
    const logger = options.logger ?? noopLogger;
    const onError = (error: Error): void => logger.warn('A PostgreSQL connection failed', { error: error.message });
    const ownsPool = options.pool === undefined;
    if (options.pool !== undefined && settings.guardGivenPool === true) guardPool(options.pool, onError);
    const pool: pg.Pool =
      options.pool ?? createPool({ ...resolved, connectionString: options.connectionString as string, onError });
    const root = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    let initialized = false;
    let closed = false;
    const inFlight = new Set<Promise<unknown>>();
    return new StoreConnection(resolved.schema, root.withSchema(resolved.schema), pool, resolved, {
      isInitialized: () => initialized,
      initialize: async (migrateSchema) => {
        const db = root as unknown as Kysely<unknown>;
        try {
          if (migrateSchema) await migrate(db, resolved.schema);
          else await verifySchema(db, resolved.schema);
          await settings.afterMigrate?.(db);
        } catch (error) {
          throw toOrchestrixError(error, `initialize schema "${resolved.schema}"`, resolved);
        }
        initialized = true;
      },
      track: (work) => {
        if (closed) {
          return Promise.reject(
            new StoreUnavailableError(
              `The store on schema "${resolved.schema}" is closed: create a new one to use it.`,
            ),
          );
        }
        const running = work();
        inFlight.add(running);
        const forget = (): void => {
          inFlight.delete(running);
        };
        running.then(forget, forget);
        return running;
      },
      close: async () => {
        if (closed) return;
        closed = true;
        // Work that began before close() finishes first, even if it is still waiting for a connection.
        await Promise.allSettled([...inFlight]);
        if (ownsPool) await pool.end();
      },
    });
  }

  /**
   * A connection on the same pool, kysely instance and initialization whose `close()` leaves the pool
   * open: what the event store gives the stores it builds, since `store.close()` ends the pool.
   */
  shared(): StoreConnection {
    return new StoreConnection(this.schema, this.db, this.pool, this.timeouts, {
      isInitialized: () => this.#lifecycle.isInitialized(),
      initialize: (migrateSchema) => this.initialize(migrateSchema),
      track: (work) => this.#lifecycle.track(work),
      close: async () => undefined,
    });
  }

  /** Runs the migrations (or, with `migrateSchema` false, only verifies them); see `store.initialize()`. */
  initialize(migrateSchema: boolean): Promise<void> {
    return this.#lifecycle.initialize(migrateSchema);
  }

  /** Ends the pool if this connection owns it; a shared connection leaves that to its event store. */
  close(): Promise<void> {
    return this.#lifecycle.close();
  }

  /** `true` once `initialize()` succeeded. */
  isInitialized(): boolean {
    return this.#lifecycle.isInitialized();
  }

  /**
   * Refuses work before `initialize()`.
   *
   * @param storeName - The class asking, named in the error.
   * @throws {@link StoreUnavailableError} naming `initialize()`.
   */
  requireInitialized(storeName: string): void {
    if (!this.isInitialized()) {
      throw new StoreUnavailableError(
        `${storeName} on schema "${this.schema}" is not initialized: call store.initialize() first.`,
      );
    }
  }

  /**
   * Runs `work`, mapping pg's errors to typed Orchestrix errors.
   *
   * @param description - What is being done, e.g. `store checkpoint "orders-view"`.
   */
  async mapErrors<T>(description: string, work: () => Promise<T>): Promise<T> {
    return this.#lifecycle.track(async () => {
      try {
        return await work();
      } catch (error) {
        throw toOrchestrixError(error, description, this.timeouts);
      }
    });
  }

  /**
   * Runs `work` once the schema is initialized, mapping pg's errors to typed Orchestrix errors.
   *
   * @param storeName - The class running it, named in the error when the schema is not initialized.
   * @param description - What is being done, e.g. `store checkpoint "orders-view"`.
   * @throws {@link StoreUnavailableError} before `initialize()`, naming it.
   */
  async run<T>(storeName: string, description: string, work: () => Promise<T>): Promise<T> {
    this.requireInitialized(storeName);
    return this.mapErrors(description, work);
  }
}

const sharedConnections = new WeakMap<object, StoreConnection>();

/**
 * A copy of `options` that, given to a store's constructor, makes it use `connection` instead of opening
 * its own: how `store.checkpoints()` and its siblings share the event store's pool, kysely instance and
 * initialization without a public constructor argument for it.
 */
export function sharingConnection<T extends object>(connection: StoreConnection, options: T): T {
  const shared = { ...options };
  sharedConnections.set(shared, connection);
  return shared;
}

/** The connection `options` share (see {@link sharingConnection}), or a new one opened from them. */
export function connectionFor(options: PostgreSQLEventStoreOptions): StoreConnection {
  return sharedConnections.get(options) ?? StoreConnection.open(options);
}
