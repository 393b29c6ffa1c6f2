import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';

const SAMPLE_EVERY_MS = 100;

/** The oldest transaction holding a transaction id that a sample saw: it holds back every `readAll`. */
export interface OldestTransaction {
  readonly ageMs: number;
  readonly applicationName: string;
  readonly query: string;
}

/**
 * Samples `pg_stat_activity` every 100 ms for the oldest transaction (anywhere on the server) that holds a
 * transaction id, and keeps the oldest seen: `readAll` returns nothing at or above its id until it ends, so
 * a latency tail that matches it comes from the server's other work, not from the runner.
 */
export function watchTransactions(admin: pg.Pool): { stop(): Promise<OldestTransaction> } {
  let oldest: OldestTransaction = { ageMs: 0, applicationName: '', query: '' };
  let isStopped = false;
  const sampling = (async () => {
    while (!isStopped) {
      const result = await admin.query(
        `select extract(epoch from clock_timestamp() - xact_start)::float8 * 1000 as age_ms, application_name,
           left(regexp_replace(query, '\\s+', ' ', 'g'), 60) as query
         from pg_stat_activity where backend_xid is not null and pid <> pg_backend_pid()
         order by xact_start limit 1`,
      );
      const row = result.rows[0];
      if (row !== undefined && row.age_ms > oldest.ageMs) {
        oldest = { ageMs: row.age_ms, applicationName: row.application_name, query: row.query };
      }
      await sleep(SAMPLE_EVERY_MS);
    }
  })();
  return {
    async stop() {
      isStopped = true;
      await sampling;
      return oldest;
    },
  };
}
