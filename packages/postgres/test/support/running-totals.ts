// A projection that is not idempotent, for the failover tests: per stream it adds each event's amount to a
// running total, and it appends a row per applied event to an unkeyed log. Applied twice, an event shows
// as a wrong total and a doubled log row; skipped, as a missing one.
import { defineEvent, defineProjection, type Projection, payload } from '@orchestrix/core';
import { sql, type Transaction } from 'kysely';

/** The event the failover tests append: an amount added to a stream's total. */
export const AmountAdded = defineEvent('AmountAdded', payload<{ amount: number }>());

/** The lease the failover test's runner processes hold: takeover comes within about this long. */
export const CHILD_LEASE_MS = 1000;

/** The two read-model tables of one running-totals projection. */
export interface RunningTotalsTables {
  readonly totals: string;
  readonly log: string;
}

/** Creates the projection's tables in `schema`, if missing: the log has no key on purpose. */
export function createRunningTotalsTables(schema: string, tables: RunningTotalsTables): string {
  return `create table if not exists "${schema}".${tables.totals} (stream_id text primary key, total bigint not null, events int not null);
    create table if not exists "${schema}".${tables.log} (event_id text not null, position text not null, instance text not null)`;
}

/** The running-totals projection `name`, writing to `tables` in `schema` through the runner's transaction. */
export function runningTotals(
  name: string,
  schema: string,
  tables: RunningTotalsTables,
  options: { instance: string; perEventDelayMs?: number; batchSize?: number },
): Projection {
  const totals = sql.id(schema, tables.totals);
  const log = sql.id(schema, tables.log);
  return defineProjection({
    name,
    batchSize: options.batchSize ?? 20,
    handlers: {
      AmountAdded: async (event, context) => {
        const transaction = context.transaction as Transaction<unknown>;
        const { amount } = event.data as { amount: number };
        await sql`insert into ${totals} (stream_id, total, events) values (${event.streamId}, ${amount}, 1)
          on conflict (stream_id) do update set total = ${totals}.total + excluded.total, events = ${totals}.events + 1`.execute(
          transaction,
        );
        await sql`insert into ${log} (event_id, position, instance)
          values (${event.id}, ${event.position.toString()}, ${options.instance})`.execute(transaction);
        if (options.perEventDelayMs !== undefined) {
          await sql`select pg_sleep(${options.perEventDelayMs / 1000})`.execute(transaction);
        }
      },
    },
  });
}
