import {
  type CheckpointLease,
  type CheckpointStore,
  type Clock,
  OrchestrixError,
  ValidationError,
  validateLeaseMs,
} from '@orchestrix/core';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import { toOrchestrixError } from '../errors/to-orchestrix-error';
import type { Database } from '../internal/database';
import { namedStatementPool } from '../internal/named-statement-pool';
import { PostgresStore } from '../internal/postgres-store';
import { sqlTime } from '../internal/sql-clock';
import type { PostgreSQLEventStoreOptions } from '../options';
import { compareAndSetCheckpoint, loadCheckpoint } from './compare-and-set-checkpoint';

/** Options of {@link PostgresCheckpointStore}: the event store's connection options, and a clock. */
export interface PostgresCheckpointStoreOptions
  extends Omit<PostgreSQLEventStoreOptions, 'upcasters' | 'metrics' | 'tracer'> {
  /** Where lease times are read; the database's `now()` unless given (give a fake clock in tests). */
  readonly clock?: Clock;
}

const MAX_POSITION = 2n ** 63n - 1n;

function requireName(name: string): void {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new ValidationError('name', name, 'name cannot be empty: give the projection or subscription name');
  }
}

function requirePosition(position: bigint, field: string): void {
  if (typeof position !== 'bigint' || position < 0n || position > MAX_POSITION) {
    throw new ValidationError(field, position, `${field} must be a bigint from 0n to 2n ** 63n - 1n`);
  }
}

function requireOwner(owner: string): void {
  if (typeof owner !== 'string' || owner.trim() === '') {
    throw new ValidationError('owner', owner, 'owner cannot be empty: give the runner instance id');
  }
}

/**
 * A {@link CheckpointStore} on PostgreSQL: positions per projection or subscription name as `bigint`
 * end to end, a compare-and-set `store` in one statement, `withTransaction` for read models written in
 * the same transaction as their checkpoint, and leases whose fencing token grows with every new holder.
 *
 * Build it from the event store's options (then call `initialize()`), or from the store with
 * `store.checkpoints()`, which shares the store's pool and initialization.
 *
 * @example
 * const checkpoints = store.checkpoints();
 * const runner = new ProjectionRunner({ source: store, checkpoints, projections: [orderSummary] });
 */
export class PostgresCheckpointStore extends PostgresStore implements CheckpointStore {
  /** Runs `withTransaction`'s work, with every statement prepared once per connection. */
  #projectionDb: Kysely<unknown> | undefined;

  constructor(options: PostgresCheckpointStoreOptions) {
    super('PostgresCheckpointStore', options);
  }

  /** The stored position of `name`, `0n` when none. */
  async load(name: string): Promise<bigint> {
    requireName(name);
    return this.run(`load checkpoint "${name}"`, () => loadCheckpoint(this.db, name));
  }

  /**
   * Compare-and-set: stores `position` only if the stored one is still `expected`, in one statement.
   *
   * @throws {@link ConcurrencyError} when another runner moved the checkpoint first (`subject`
   * `checkpoint`, `actualVersion` the position read after the refusal).
   * @throws {@link ValidationError} when `name` is empty or a position is not a bigint from 0n to 2^63 − 1.
   */
  async store(name: string, position: bigint, expected: bigint): Promise<void> {
    requireName(name);
    requirePosition(position, 'position');
    requirePosition(expected, 'expected');
    await this.run(`store checkpoint "${name}"`, () => compareAndSetCheckpoint(this.db, name, position, expected));
  }

  /**
   * Runs `work` in one transaction with the compare-and-set of the checkpoint: `work` first, the
   * checkpoint last, so the read model's writes and the checkpoint commit or roll back together. `work`
   * gets a kysely `Transaction` without a schema plugin: its tables are the caller's, named as the
   * caller's `search_path` or an explicit schema finds them.
   *
   * @example
   * await checkpoints.withTransaction('orders-view', 41n, 42n, async (transaction: Transaction<ReadModel>) => {
   *   await transaction.insertInto('order_summaries').values(row).execute();
   * });
   * @throws {@link ConcurrencyError} when the checkpoint is not at `expected`; nothing `work` wrote is kept.
   * @throws whatever `work` throws, unchanged, after rolling back — except the database's passing trouble
   * (a lost connection, deadlock, serialization failure, lock or statement timeout), which becomes the
   * retryable typed error it would be outside `work`.
   */
  async withTransaction<T, DB = unknown>(
    name: string,
    expected: bigint,
    position: bigint,
    work: (transaction: Transaction<DB>) => Promise<T>,
  ): Promise<T> {
    requireName(name);
    requirePosition(position, 'position');
    requirePosition(expected, 'expected');
    const { schema } = this;
    // Read models write through it statement by statement: named, so the server plans each text once.
    this.#projectionDb ??= new Kysely<unknown>({
      dialect: new PostgresDialect({ pool: namedStatementPool(this.pool) }),
    });
    const db = this.#projectionDb;
    let workFailure: { readonly error: unknown } | undefined;
    try {
      return await this.run(`store checkpoint "${name}" with its transaction`, () =>
        db.transaction().execute(async (transaction) => {
          let result: T;
          try {
            result = await work(transaction as unknown as Transaction<DB>);
          } catch (error) {
            workFailure = { error };
            throw error;
          }
          await compareAndSetCheckpoint(
            (transaction as unknown as Kysely<Database>).withSchema(schema),
            name,
            position,
            expected,
          );
          return result;
        }),
      );
    } catch (error) {
      if (workFailure === undefined) throw error;
      // The work's own failure is the caller's and reaches them as thrown, unless it is the database's
      // passing trouble (a lost connection, a deadlock, a serialization failure, a lock or statement
      // timeout): then it is the store's, typed and retryable like any other.
      const { error: failure } = workFailure;
      if (!(failure instanceof OrchestrixError)) {
        const mapped = toOrchestrixError(failure, `store checkpoint "${name}" with its transaction`, this.timeouts);
        if (mapped.retryable) throw mapped;
      }
      throw failure;
    }
  }

  /**
   * Takes the lease on `name` for `owner` for `leaseMs`, or renews it while `owner` holds it unexpired
   * (keeping its fencing token); any new holder, its former holder after expiry too, gets a token above
   * every earlier one. One statement: concurrent owners queue on the row and exactly one gets it.
   *
   * @returns The lease, frozen, or `undefined` while another owner holds an unexpired lease.
   * @throws {@link ValidationError} when `name` or `owner` is empty or `leaseMs` not a positive number.
   */
  async acquireLease(name: string, owner: string, leaseMs: number): Promise<CheckpointLease | undefined> {
    requireName(name);
    requireOwner(owner);
    validateLeaseMs(leaseMs);
    const time = sqlTime(this.clock);
    const row = await this.run(`acquire the lease on checkpoint "${name}"`, () =>
      this.db
        .insertInto('checkpoints')
        .values({ name, position: '0', lease_owner: owner, fencing_token: 1, lease_expires_at: time.after(leaseMs) })
        .onConflict((conflict) =>
          conflict
            .column('name')
            .doUpdateSet((update) => ({
              fencing_token: sql<string>`case when ${update.ref('checkpoints.lease_owner')} = ${owner}
                and ${update.ref('checkpoints.lease_expires_at')} > ${time.now}
                then ${update.ref('checkpoints.fencing_token')} else ${update.ref('checkpoints.fencing_token')} + 1 end`,
              lease_owner: owner,
              lease_expires_at: time.after(leaseMs),
            }))
            .where((where) =>
              where.or([
                where('checkpoints.lease_owner', 'is', null),
                where('checkpoints.lease_owner', '=', owner),
                where('checkpoints.lease_expires_at', '<=', time.now),
              ]),
            ),
        )
        .returning([sql<string>`fencing_token::text`.as('fencing_token'), 'lease_expires_at'])
        .executeTakeFirst(),
    );
    if (row === undefined || row.lease_expires_at === null) return undefined;
    return Object.freeze({
      name,
      owner,
      fencingToken: Number(row.fencing_token),
      expiresAt: row.lease_expires_at.toISOString(),
    });
  }

  /** Gives the lease on `name` up, if `owner` still holds it; does nothing otherwise. Keeps the fencing token. */
  async releaseLease(name: string, owner: string): Promise<void> {
    await this.run(`release the lease on checkpoint "${name}"`, () =>
      this.db
        .updateTable('checkpoints')
        .set({ lease_owner: null, lease_expires_at: null })
        .where('name', '=', name)
        .where('lease_owner', '=', owner)
        .execute(),
    );
  }
}
