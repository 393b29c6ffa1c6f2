import { type Logger, StoreUnavailableError } from '@orchestrix/core';
import { type Kysely, sql } from 'kysely';

/**
 * Warns when PostgreSQL may lose acknowledged commits: with `synchronous_commit` or `fsync` off, events
 * a caller was told are stored can vanish in a crash.
 */
export async function warnOnWeakDurability(db: Kysely<unknown>, logger: Logger): Promise<void> {
  const result = await sql<{ name: string; setting: string }>`
    select name, setting from pg_settings where name in ('synchronous_commit', 'fsync')`.execute(db);
  for (const { name, setting } of result.rows) {
    if (setting === 'off') {
      logger.warn(`PostgreSQL runs with ${name}=off: acknowledged events can vanish in a crash; set ${name}=on.`, {
        setting: name,
      });
    }
  }
}

/**
 * Refuses a database restored into a cluster whose transaction ids are lower than the stored ones:
 * positions derive from transaction ids, so new events would sort before old ones and readers would
 * skip them.
 *
 * @throws {@link StoreUnavailableError} naming the fix.
 */
export async function refuseRewoundTransactionIds(db: Kysely<unknown>, schema: string): Promise<void> {
  const result = await sql<{ ahead: boolean }>`
    select coalesce(max(transaction_id) >= pg_current_xact_id(), false) as ahead
    from ${sql.id(schema, 'events')}`.execute(db);
  if (result.rows[0]?.ahead === true) {
    throw new StoreUnavailableError(
      `Schema "${schema}" holds events from transaction ids ahead of this cluster's (a dump restored into a new cluster?): new events would sort before them. Advance the cluster's transaction ids past them (pg_resetwal -x) before starting; see the README, "Backup and restore".`,
    );
  }
}
