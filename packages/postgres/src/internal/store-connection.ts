import { noopLogger, StoreUnavailableError } from '@orchestrix/core';
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { type StoreTimeouts, toOrchestrixError } from '../errors/to-orchestrix-error';
import { migrate, verifySchema } from '../migrations/migrate';
import { type PostgreSQLEventStoreOptions, resolveOptions } from '../options';
import { createPool } from './create-pool';
import type { Database } from './database';

/** How a connection is initialized and closed: by itself, or by the event store it was shared from. */
export interface ConnectionLifecycle {
  isInitialized(): boolean;
  initialize(migrateSchema: boolean): Promise<void>;
  close(): Promise<void>;
}

/**
 * What the checkpoint, saga state and dead-letter stores run on: a schema's kysely instance, the time
 * limits errors name, and whether the schema was initialized. A store built from options opens its own;
 * one built by `PostgreSQLEventStore` shares the event store's pool, kysely instance and initialization.
 *
 * @internal Not part of the public API.
 */
export class StoreConnection {
  readonly schema: string;
  /** The schema's tables, through `withSchema`. */
  readonly db: Kysely<Database>;
  readonly timeouts: StoreTimeouts;
  readonly #lifecycle: ConnectionLifecycle;

  constructor(schema: string, db: Kysely<Database>, timeouts: StoreTimeouts, lifecycle: ConnectionLifecycle) {
    this.schema = schema;
    this.db = db;
    this.timeouts = timeouts;
    this.#lifecycle = lifecycle;
  }

  /** Opens a connection of its own from the event store's options (a connection string or a pool). */
  static open(options: PostgreSQLEventStoreOptions): StoreConnection {
    const resolved = resolveOptions(options);
    const logger = options.logger ?? noopLogger;
    const ownsPool = options.pool === undefined;
    const pool: pg.Pool =
      options.pool ??
      createPool({
        ...resolved,
        connectionString: options.connectionString as string,
        onError: (error) => logger.warn('An idle PostgreSQL connection failed', { error: error.message }),
      });
    const root = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    let initialized = false;
    let closed = false;
    return new StoreConnection(resolved.schema, root.withSchema(resolved.schema), resolved, {
      isInitialized: () => initialized,
      initialize: async (migrateSchema) => {
        const db = root as unknown as Kysely<unknown>;
        try {
          if (migrateSchema) await migrate(db, resolved.schema);
          else await verifySchema(db, resolved.schema);
        } catch (error) {
          throw toOrchestrixError(error, `initialize schema "${resolved.schema}"`, resolved);
        }
        initialized = true;
      },
      close: async () => {
        if (closed) return;
        closed = true;
        if (ownsPool) await pool.end();
      },
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

  /**
   * Runs `work` once the schema is initialized, mapping pg's errors to typed Orchestrix errors.
   *
   * @param storeName - The class running it, named in the error when the schema is not initialized.
   * @param description - What is being done, e.g. `store checkpoint "orders-view"`.
   * @throws {@link StoreUnavailableError} before `initialize()`, naming it.
   */
  async run<T>(storeName: string, description: string, work: () => Promise<T>): Promise<T> {
    if (!this.#lifecycle.isInitialized()) {
      throw new StoreUnavailableError(
        `${storeName} on schema "${this.schema}" is not initialized: call store.initialize() first.`,
      );
    }
    try {
      return await work();
    } catch (error) {
      throw toOrchestrixError(error, description, this.timeouts);
    }
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
