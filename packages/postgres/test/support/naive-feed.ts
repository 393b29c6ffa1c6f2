import type { Event } from '@orchestrix/core';
import type pg from 'pg';
import { type FeedUnderTest, holdTransaction } from './feed-workload';

/**
 * The design the store must not have, as a negative control for the gap checker: positions from a plain
 * `bigserial`, handed out at insert and visible at commit, and a reader that trusts
 * `where position > $after order by position`. A transaction that commits after a later one is skipped.
 */
export async function createNaiveFeed(pool: pg.Pool, schema: string, connectionString: string): Promise<FeedUnderTest> {
  const table = `"${schema}".naive_events`;
  await pool.query(`create schema "${schema}"`);
  await pool.query(`
    create table ${table} (
      position bigserial primary key,
      event_id text not null unique,
      stream_id text not null,
      version integer not null
    )`);

  // Per-stream lock first, so versions follow positions within a stream: only commit order is naive.
  const insert = async (client: pg.ClientBase, streamId: string, events: readonly Event[]): Promise<void> => {
    await client.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [streamId]);
    await client.query(
      `insert into ${table} (event_id, stream_id, version)
       select e.id, $1, coalesce((select max(version) from ${table} where stream_id = $1), 0) + e.ordinal
       from unnest($2::text[]) with ordinality as e(id, ordinal)
       order by e.ordinal`,
      [streamId, events.map((event) => event.id)],
    );
  };

  return {
    connectionString,
    append: async (streamId, events) => {
      const client = await pool.connect();
      try {
        const held = await holdTransaction(client, () => insert(client, streamId, events));
        await held.commit();
      } finally {
        client.release();
      }
    },
    appendHeld: (client, streamId, events) => holdTransaction(client, () => insert(client, streamId, events)),
    read: async (after, limit) => {
      // Ordered by the column, not by its text (an output alias named `position` would win in ORDER BY).
      const result = await pool.query<{ event_id: string; stream_id: string; version: number; at: string }>(
        `select event_id, stream_id, version, position::text as at from ${table}
         where position > $1 order by position limit $2`,
        [after.toString(), limit],
      );
      return result.rows.map((row) => ({
        id: row.event_id,
        streamId: row.stream_id,
        version: row.version,
        position: BigInt(row.at),
      }));
    },
  };
}
