import {
  type AppendListener,
  type AppendResult,
  type Event,
  type EventStore,
  type ExpectedVersion,
  type FeedCount,
  type Logger,
  type Metrics,
  measureStorage,
  noopLogger,
  normalizeJson,
  prepareAppend,
  type ReadAllOptions,
  type Snapshot,
  type SnapshotStore,
  type StorageOperation,
  type StoredEvent,
  StoreUnavailableError,
  type Tracer,
  type UpcasterRegistry,
  ValidationError,
  validateStreamId,
} from '@orchestrix/core';
import { type Kysely, sql } from 'kysely';
import { PostgresCheckpointStore, type PostgresCheckpointStoreOptions } from './checkpoints/postgres-checkpoint-store';
import { PostgresDeadLetterQueue, type PostgresDeadLetterQueueOptions } from './dead-letter/postgres-dead-letter-queue';
import { appendChannel } from './event-store/append-channel';
import { appendEvents } from './event-store/append-events';
import { AppendNotifications } from './event-store/append-notifications';
import { type EventStatements, eventStatements, queryEvents } from './event-store/event-queries';
import type { Database } from './internal/database';
import { refuseRewoundTransactionIds, warnOnWeakDurability } from './internal/startup-checks';
import { StoreConnection, sharingConnection } from './internal/store-connection';
import { type PostgreSQLEventStoreOptions, resolveOptions } from './options';
import { PostgresSagaStateStore, type PostgresSagaStateStoreOptions } from './sagas/postgres-saga-state-store';
import { readSnapshot, writeSnapshot } from './snapshots/snapshot-rows';

const DEFAULT_READ_LIMIT = 1000;

/** Options of {@link PostgreSQLEventStore.initialize}. */
export interface InitializeOptions {
  /** Run pending migrations (`true`, the default), or only verify the schema (for roles without DDL rights). */
  readonly migrate?: boolean;
}

/**
 * The production event store (also a snapshot store) on PostgreSQL, through pg and kysely. Appends take
 * a per-stream lock before writing, check the expected version under it and insert the batch in one
 * round trip; global positions derive from the transaction id, and `readAll` reads only below the oldest
 * running transaction, so a reader never skips an event.
 *
 * @example
 * const store = new PostgreSQLEventStore({ connectionString: 'postgresql://postgres@127.0.0.1:5432/app' });
 * await store.initialize();
 */
export class PostgreSQLEventStore implements EventStore, SnapshotStore {
  readonly #connection: StoreConnection;
  readonly #statements: EventStatements;
  readonly #db: Kysely<Database>;
  readonly #upcasters: UpcasterRegistry | undefined;
  readonly #metrics: Metrics | undefined;
  readonly #tracer: Tracer | undefined;
  readonly #options: PostgreSQLEventStoreOptions;
  readonly #logger: Logger;
  #sharedConnection: StoreConnection | undefined;
  #notifications: AppendNotifications | undefined;
  #isClosed = false;

  constructor(options: PostgreSQLEventStoreOptions) {
    const logger = options.logger ?? noopLogger;
    this.#options = options;
    this.#logger = logger;
    this.#connection = StoreConnection.open(options, {
      guardGivenPool: true,
      afterMigrate: async (db) => {
        await warnOnWeakDurability(db, logger);
        await refuseRewoundTransactionIds(db, this.schema);
      },
    });
    this.#db = this.#connection.db;
    this.#statements = eventStatements(this.#connection.schema);
    this.#upcasters = options.upcasters;
    this.#metrics = options.metrics;
    this.#tracer = options.tracer;
  }

  /** The schema this store's tables live in. */
  get schema(): string {
    return this.#connection.schema;
  }

  /**
   * Runs the numbered migrations under an advisory lock (or, with `{ migrate: false }`, only verifies
   * them), then checks durability settings and transaction ids. Idempotent; safe from many processes.
   *
   * @throws {@link StoreUnavailableError} when the database is unreachable or the schema is behind.
   */
  async initialize(options: InitializeOptions = {}): Promise<void> {
    await this.#connection.initialize(options.migrate !== false);
  }

  /** `true` when the database answers; never rejects. */
  async ping(): Promise<boolean> {
    try {
      await sql`select 1`.execute(this.#db);
      return true;
    } catch {
      return false;
    }
  }

  /** Ends the LISTEN connection of `onAppend`, and the pool if the store owns it, after the queries in flight finish. */
  async close(): Promise<void> {
    this.#isClosed = true;
    this.#notifications?.close();
    await this.#connection.close();
  }

  /**
   * {@inheritDoc @orchestrix/core#EventStore.onAppend}
   *
   * Listens through `LISTEN/NOTIFY` on one dedicated connection (application name `orchestrix-listen`),
   * opened with the first listener and ended with the last or by `close()`; a lost connection reconnects
   * with a growing delay, logging a warning. A notification carries no position, so listeners get `0n`.
   * Exceptions a listener throws are logged and ignored.
   *
   * @example
   * const stop = store.onAppend(() => wakeUp());
   */
  onAppend(listener: AppendListener): () => void {
    if (this.#isClosed) return () => undefined;
    if (this.#notifications === undefined) {
      const config = this.#options.pool?.options ?? {
        connectionString: this.#options.connectionString,
        connectionTimeoutMillis: resolveOptions(this.#options).connectTimeoutMs,
      };
      this.#notifications = new AppendNotifications(config, appendChannel(this.schema), this.#logger);
    }
    return this.#notifications.subscribe(listener);
  }

  /**
   * A checkpoint store on this schema that shares this store's pool, kysely instance and initialization
   * (usable once `store.initialize()` ran; `store.close()` ends the pool). `sagaStates()` and
   * `deadLetters()` share them likewise.
   *
   * @example
   * const runner = new ProjectionRunner({ source: store, checkpoints: store.checkpoints(), projections });
   */
  checkpoints(options: Pick<PostgresCheckpointStoreOptions, 'clock'> = {}): PostgresCheckpointStore {
    return new PostgresCheckpointStore(this.#sharing(options));
  }

  /** A saga state store sharing this store's pool and initialization, as {@link PostgreSQLEventStore.checkpoints}. */
  sagaStates(options: Pick<PostgresSagaStateStoreOptions, 'clock'> = {}): PostgresSagaStateStore {
    return new PostgresSagaStateStore(this.#sharing(options));
  }

  /** A dead-letter queue sharing this store's pool and initialization, as {@link PostgreSQLEventStore.checkpoints}. */
  deadLetters(options: Pick<PostgresDeadLetterQueueOptions, 'clock'> = {}): PostgresDeadLetterQueue {
    return new PostgresDeadLetterQueue(this.#sharing(options));
  }

  /** {@inheritDoc @orchestrix/core#EventStore.save} */
  async save(
    streamId: string,
    events: readonly Event[],
    expectedVersion: ExpectedVersion = 'any',
  ): Promise<AppendResult> {
    const prepared = prepareAppend(streamId, events, expectedVersion);
    return this.#run('save', `append to "${streamId}"`, events.length, () =>
      appendEvents(this.#connection.pool, this.schema, this.#statements, prepared),
    );
  }

  /** {@inheritDoc @orchestrix/core#EventStore.load} */
  async load(streamId: string, fromVersion = 0): Promise<StoredEvent[]> {
    validateStreamId(streamId);
    if (!Number.isSafeInteger(fromVersion) || fromVersion < 0) {
      throw new ValidationError('fromVersion', fromVersion, 'fromVersion must be a non-negative integer');
    }
    return this.#run('load', `load "${streamId}"`, 0, async () => {
      return this.#upcast(await queryEvents(this.#connection.pool, this.#statements.load, [streamId, fromVersion]));
    });
  }

  /** {@inheritDoc @orchestrix/core#EventStore.loadByTrace} */
  async loadByTrace(traceId: string): Promise<StoredEvent[]> {
    return this.#run('load_by_trace', 'load by trace', 0, async () => {
      return this.#upcast(await queryEvents(this.#connection.pool, this.#statements.loadByTrace, [traceId]));
    });
  }

  /**
   * {@inheritDoc @orchestrix/core#EventStore.readAll}
   *
   * Reads only events of transactions below `pg_snapshot_xmin`: all of those have committed or rolled
   * back, so no event can later appear at a position a reader has passed.
   */
  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const after = options.after ?? 0n;
    const limit = options.limit ?? DEFAULT_READ_LIMIT;
    if (typeof after !== 'bigint' || after < 0n) {
      throw new ValidationError('after', after, 'after must be a non-negative bigint position');
    }
    if (!Number.isSafeInteger(limit) || limit < 1) {
      throw new ValidationError('limit', limit, 'limit must be a positive integer');
    }
    return this.#run('read_all', 'read the global feed', 0, async () => {
      if (options.types?.length === 0) return [];
      const types = options.types === undefined ? null : [...options.types];
      return this.#upcast(
        await queryEvents(this.#connection.pool, this.#statements.readAll, [after.toString(), types, limit]),
      );
    });
  }

  /**
   * {@inheritDoc @orchestrix/core#EventStore.countAfter}
   *
   * Counts what `readAll` would read: events of transactions below `pg_snapshot_xmin`.
   */
  async countAfter(after: bigint): Promise<FeedCount> {
    if (typeof after !== 'bigint' || after < 0n) {
      throw new ValidationError('after', after, 'after must be a non-negative bigint position');
    }
    return this.#run('count_after', 'count the global feed', 0, async () => {
      const result = await this.#connection.pool.query<[string, string | null]>({
        ...this.#statements.countAfter,
        values: [after.toString()],
        rowMode: 'array',
      });
      const [count, head] = result.rows[0] ?? ['0', null];
      return { count: Number(count), head: head === null ? after : BigInt(head) };
    });
  }

  /** {@inheritDoc @orchestrix/core#EventStore.streamVersion} */
  async streamVersion(streamId: string): Promise<number> {
    validateStreamId(streamId);
    return this.#run('stream_version', `read the version of "${streamId}"`, 0, async () => {
      const row = await this.#db
        .selectFrom('streams')
        .select('version')
        .where('stream_id', '=', streamId)
        .executeTakeFirst();
      return row?.version ?? 0;
    });
  }

  /** {@inheritDoc @orchestrix/core#SnapshotStore.saveSnapshot} */
  async saveSnapshot(snapshot: Snapshot): Promise<void> {
    validateStreamId(snapshot.aggregateId);
    if (!Number.isSafeInteger(snapshot.version) || snapshot.version < 0) {
      throw new ValidationError('version', snapshot.version, 'version must be a non-negative integer');
    }
    if (!Number.isSafeInteger(snapshot.schemaVersion) || snapshot.schemaVersion < 1) {
      throw new ValidationError('schemaVersion', snapshot.schemaVersion, 'schemaVersion must be a positive integer');
    }
    const state = JSON.stringify(normalizeJson(snapshot.state, 'state'));
    await this.#run('save_snapshot', `save a snapshot of "${snapshot.aggregateId}"`, 0, () =>
      writeSnapshot(this.#db, snapshot, state),
    );
  }

  /** {@inheritDoc @orchestrix/core#SnapshotStore.loadSnapshot} */
  async loadSnapshot(aggregateId: string): Promise<Snapshot | undefined> {
    return this.#run('load_snapshot', `load the snapshot of "${aggregateId}"`, 0, () =>
      readSnapshot(this.#db, aggregateId),
    );
  }

  #sharing<T extends object>(options: T): T {
    this.#sharedConnection ??= this.#connection.shared();
    return sharingConnection(this.#sharedConnection, options);
  }

  #upcast(events: StoredEvent[]): StoredEvent[] {
    return this.#upcasters === undefined ? events : this.#upcasters.upcastAll(events);
  }

  async #run<T>(
    operation: StorageOperation,
    description: string,
    eventCount: number,
    work: () => Promise<T>,
  ): Promise<T> {
    this.#connection.requireInitialized('PostgreSQLEventStore');
    const guarded = (): Promise<T> => this.#connection.mapErrors(description, work);
    const hooks = { metrics: this.#metrics, tracer: this.#tracer, dbSystem: 'postgresql' };
    return measureStorage(hooks, operation, eventCount, guarded);
  }
}
