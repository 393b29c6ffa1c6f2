import type { CheckpointStore, EventStore, Logger } from '@orchestrix/core';
import { InMemoryCheckpointStore, InMemoryEventStore } from '@orchestrix/memory';
import { PostgreSQLEventStore, type StoreTimeouts, validateSchemaName } from '@orchestrix/postgres';
import pg from 'pg';
import { InMemoryOrderReadModel } from '../read-model/in-memory-order-read-model';
import type { OrderReadModel } from '../read-model/order-read-model';
import { PostgresOrderReadModel } from '../read-model/postgres-order-read-model';

/** The longest a statement runs, and waits for a lock, on the shop's pool. */
const TIMEOUTS: StoreTimeouts = { statementTimeoutMs: 30_000, lockTimeoutMs: 10_000 };

/** Where the shop keeps its events, checkpoints and read model. */
export type ShopStoreKind = 'memory' | 'postgres';

/** What {@link openShopStorage} takes. */
export interface ShopStorageOptions {
  readonly kind: ShopStoreKind;
  /** The PostgreSQL server, for `postgres`; ignored in memory. */
  readonly databaseUrl: string;
  /** The schema of the event store and the read-model tables, for `postgres`; ignored in memory. */
  readonly schema: string;
  /** Receives the store's warnings. */
  readonly logger: Logger;
}

/** The event store, checkpoint store and read model of one shop, and how to check and end them. */
export interface ShopStorage {
  readonly kind: ShopStoreKind;
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  readonly readModel: OrderReadModel;
  /** `true` when the database answers (always in memory); never rejects. */
  ping(): Promise<boolean>;
  /** Ends the store's connections; call it once the runner stopped. */
  close(): Promise<void>;
}

function openInMemory(): ShopStorage {
  return {
    kind: 'memory',
    store: new InMemoryEventStore(),
    checkpoints: new InMemoryCheckpointStore(),
    readModel: new InMemoryOrderReadModel(),
    ping: async () => true,
    close: async () => {},
  };
}

async function openPostgres(options: ShopStorageOptions): Promise<ShopStorage> {
  const { schema, logger } = options;
  validateSchemaName(schema);
  // One pool for the event store, its checkpoints and the read model's queries: the app owns and ends it.
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: 10,
    connectionTimeoutMillis: 5000,
    statement_timeout: TIMEOUTS.statementTimeoutMs,
    lock_timeout: TIMEOUTS.lockTimeoutMs,
    application_name: 'orchestrix-shop',
  });
  const store = new PostgreSQLEventStore({ pool, schema, logger });
  const close = async (): Promise<void> => {
    await store.close();
    await pool.end();
  };
  try {
    await store.initialize();
  } catch (error) {
    await close();
    throw error;
  }
  return {
    kind: 'postgres',
    store,
    checkpoints: store.checkpoints(),
    readModel: new PostgresOrderReadModel({ pool, schema, timeouts: TIMEOUTS }),
    ping: () => store.ping(),
    close,
  };
}

/**
 * Opens the shop's storage: everything in memory, or on PostgreSQL at `databaseUrl` in `schema` (created
 * and migrated by `store.initialize()`; the read model creates its tables when the runner starts).
 *
 * @throws {@link ValidationError} for a schema that is not a plain lower-case identifier.
 * @throws {@link StoreUnavailableError} when PostgreSQL cannot be reached or migrated.
 * @example const storage = await openShopStorage({ kind: 'memory', databaseUrl: '', schema: 'shop', logger: noopLogger });
 */
export async function openShopStorage(options: ShopStorageOptions): Promise<ShopStorage> {
  return options.kind === 'memory' ? openInMemory() : openPostgres(options);
}
