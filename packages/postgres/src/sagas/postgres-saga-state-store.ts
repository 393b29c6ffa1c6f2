import {
  type ClaimExpiredOptions,
  type Clock,
  ConcurrencyError,
  prepareSagaSave,
  resolveClaimExpiredOptions,
  type SagaLease,
  type SagaStateFilter,
  type SagaStateRecord,
  type SagaStateStore,
  type SagaStateUpdate,
  validateLeaseMs,
  validateSagaStateFilter,
} from '@orchestrix/core';
import { sql } from 'kysely';
import { PostgresStore } from '../internal/postgres-store';
import { sqlTime } from '../internal/sql-clock';
import type { PostgreSQLEventStoreOptions } from '../options';
import { bySaveOrder, rowToSagaStateRecord, SAGA_STATE_COLUMNS } from './saga-state-rows';

/** Options of {@link PostgresSagaStateStore}: the event store's connection options, and a clock. */
export interface PostgresSagaStateStoreOptions
  extends Omit<PostgreSQLEventStoreOptions, 'upcasters' | 'metrics' | 'tracer'> {
  /** Where `updatedAt` and lease times are read; the database's `now()` unless given (a fake clock in tests). */
  readonly clock?: Clock;
}

/** The lease columns a save writes: none to keep the lease, nulls to release it, or the new lease. */
function leaseColumns(lease: SagaLease | null | undefined): {
  lease_owner?: string | null;
  lease_expires_at?: Date | null;
} {
  if (lease === undefined) return {};
  if (lease === null) return { lease_owner: null, lease_expires_at: null };
  return { lease_owner: lease.owner, lease_expires_at: new Date(lease.expiresAt) };
}

/**
 * A {@link SagaStateStore} on PostgreSQL. A save is a compare-and-set on the version in one statement,
 * with the state checked by core's JSON codec before anything is written; `claimExpired` claims in one
 * statement with `for update skip locked`, so concurrent claimers never get the same saga, and moves the
 * version to fence off the previous holder. Records come back deeply frozen.
 *
 * Build it from the event store's options (then call `initialize()`), or with `store.sagaStates()`.
 *
 * @example
 * const saga = new Saga({ sagaType: 'OrderSaga', steps, stateStore: store.sagaStates() });
 */
export class PostgresSagaStateStore extends PostgresStore implements SagaStateStore {
  constructor(options: PostgresSagaStateStoreOptions) {
    super('PostgresSagaStateStore', options);
  }

  /** The saga's record, or `undefined` when it was never saved. */
  async load(sagaId: string): Promise<SagaStateRecord | undefined> {
    const row = await this.run(`load saga "${sagaId}"`, () =>
      this.db.selectFrom('saga_states').select(SAGA_STATE_COLUMNS).where('saga_id', '=', sagaId).executeTakeFirst(),
    );
    return row === undefined ? undefined : rowToSagaStateRecord(row);
  }

  /**
   * Saves a new state if the stored version is still `expectedVersion` (`0` for a saga not stored yet),
   * in one statement; returns the stored record, frozen, at version `expectedVersion + 1`.
   * `update.lease` replaces the lease, `null` releases it, and leaving it out keeps the current one.
   *
   * @throws {@link ConcurrencyError} when another process saved first (`subject` `saga`).
   * @throws {@link SerializationError} when the state cannot round-trip through JSON; nothing is written.
   * @throws {@link ValidationError} when an id, type, status, lease or `expectedVersion` is not usable.
   */
  async save(update: SagaStateUpdate, expectedVersion: number): Promise<SagaStateRecord> {
    const prepared = prepareSagaSave(update, expectedVersion);
    const state = JSON.stringify(prepared.state);
    const lease = leaseColumns(prepared.lease);
    const time = sqlTime(this.clock);
    const { db } = this;
    const row = await this.run(`save saga "${update.sagaId}"`, async () => {
      const saved =
        expectedVersion === 0
          ? await db
              .insertInto('saga_states')
              .values({
                saga_id: update.sagaId,
                saga_type: update.sagaType,
                status: update.status,
                version: 1,
                state,
                updated_at: time.now,
                ...lease,
              })
              .onConflict((conflict) => conflict.column('saga_id').doNothing())
              .returning(SAGA_STATE_COLUMNS)
              .executeTakeFirst()
          : await db
              .updateTable('saga_states')
              .set((set) => ({
                saga_type: update.sagaType,
                status: update.status,
                version: set('version', '+', 1),
                state,
                updated_at: time.now,
                save_order: sql<string>`default`,
                ...lease,
              }))
              .where('saga_id', '=', update.sagaId)
              .where('version', '=', expectedVersion)
              .returning(SAGA_STATE_COLUMNS)
              .executeTakeFirst();
      if (saved !== undefined) return saved;
      const current = await db
        .selectFrom('saga_states')
        .select('version')
        .where('saga_id', '=', update.sagaId)
        .executeTakeFirst();
      throw new ConcurrencyError(update.sagaId, expectedVersion, current?.version ?? 0, { subject: 'saga' });
    });
    return rowToSagaStateRecord(row);
  }

  /**
   * Claims, in the order of their last save, up to `limit` (100) sagas in `statuses` (and `sagaTypes`, if
   * given) whose lease is missing or expired, giving each a lease for `owner` of `leaseMs` and moving its
   * version by one. One statement, its candidates locked `for update skip locked`: each saga goes to
   * exactly one of many concurrent claimers.
   *
   * @throws {@link ValidationError} when `owner` is empty, `leaseMs` not positive or `limit` negative.
   */
  async claimExpired(options: ClaimExpiredOptions): Promise<SagaStateRecord[]> {
    const { owner, leaseMs, statuses, sagaTypes, limit } = resolveClaimExpiredOptions(options);
    if (statuses.length === 0 || sagaTypes?.length === 0 || limit === 0) return [];
    const time = sqlTime(this.clock);
    const rows = await this.run('claim expired sagas', () =>
      this.db
        .updateTable('saga_states')
        .set((set) => ({ lease_owner: owner, lease_expires_at: time.after(leaseMs), version: set('version', '+', 1) }))
        .where('saga_id', 'in', (where) => {
          let candidates = where
            .selectFrom('saga_states')
            .select('saga_id')
            .where('status', 'in', statuses)
            .where((expired) =>
              expired.or([expired('lease_owner', 'is', null), expired('lease_expires_at', '<=', time.now)]),
            );
          if (sagaTypes !== undefined) candidates = candidates.where('saga_type', 'in', sagaTypes);
          return candidates.orderBy('save_order').limit(limit).forUpdate().skipLocked();
        })
        .returning(SAGA_STATE_COLUMNS)
        .execute(),
    );
    return bySaveOrder(rows).map(rowToSagaStateRecord);
  }

  /**
   * Extends `owner`'s lease on a saga to `leaseMs` from now, without changing its version; `false` when
   * `owner` no longer holds it. An expired lease nobody claimed yet is still `owner`'s to renew.
   *
   * @throws {@link ValidationError} when `leaseMs` is not a positive number.
   */
  async renewLease(sagaId: string, owner: string, leaseMs: number): Promise<boolean> {
    validateLeaseMs(leaseMs);
    const time = sqlTime(this.clock);
    const row = await this.run(`renew the lease on saga "${sagaId}"`, () =>
      this.db
        .updateTable('saga_states')
        .set({ lease_expires_at: time.after(leaseMs) })
        .where('saga_id', '=', sagaId)
        .where('lease_owner', '=', owner)
        .returning('saga_id')
        .executeTakeFirst(),
    );
    return row !== undefined;
  }

  /**
   * Saga records, oldest update first, optionally only in `statuses` or of `sagaType`, at most `limit`.
   *
   * @throws {@link ValidationError} when `limit` is not a whole number of at least 0.
   */
  async list(filter: SagaStateFilter = {}): Promise<SagaStateRecord[]> {
    validateSagaStateFilter(filter);
    if (filter.statuses?.length === 0 || filter.limit === 0) return [];
    const rows = await this.run('list sagas', () => {
      let query = this.db
        .selectFrom('saga_states')
        .select(SAGA_STATE_COLUMNS)
        // Qualified: the bare name would sort by the selected text alias.
        .orderBy('saga_states.save_order');
      if (filter.statuses !== undefined) query = query.where('status', 'in', filter.statuses);
      if (filter.sagaType !== undefined) query = query.where('saga_type', '=', filter.sagaType);
      if (filter.limit !== undefined) query = query.limit(filter.limit);
      return query.execute();
    });
    return rows.map(rowToSagaStateRecord);
  }
}
