import { dumbo } from '@event-driven-io/dumbo';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import { type BenchSide, benchSchemaName, DATABASE_URL, type FeedPage, itemData, POOL_SIZE } from './bench-side';
import { bulkLoadEmmettShape } from './bulk-load';

/**
 * Emmett's PostgreSQL event store (0.42) as its README sets it up. It names its tables and functions
 * without a schema, so its pool's search_path is the side's schema. Its migration creates a function only
 * if none of that name exists in any schema, so a second instance finds them in the first's schema,
 * `functionsSchema`, behind its own on the search_path (their bodies name tables without a schema too).
 */
export async function emmettSide(functionsSchema?: string): Promise<BenchSide> {
  const name = benchSchemaName('emmett');
  const schema = pg.escapeIdentifier(name);
  const searchPath = functionsSchema === undefined ? name : `${name},${functionsSchema}`;
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: POOL_SIZE, options: `-c search_path=${searchPath}` });
  await pool.query(`create schema ${schema}`);
  const connections = dumbo({ connectionString: DATABASE_URL, pool });
  const store = getPostgreSQLEventStore(DATABASE_URL, { connectionOptions: { dumbo: connections } });
  const dispose = async (): Promise<void> => {
    await pool.query(`drop schema if exists ${schema} cascade`);
    await pool.end();
  };
  try {
    await store.schema.migrate();
    const found = await pool.query(
      `select p.pronamespace::regnamespace::text as schema from pg_proc p where p.oid = to_regproc('emt_append_to_stream')`,
    );
    const at = found.rows[0]?.schema;
    if (at !== name && at !== functionsSchema) {
      throw new Error(
        `emt_append_to_stream exists in schema ${at ?? '(none)'}, so Emmett's migration did not create it`,
      );
    }
  } catch (error) {
    await dispose();
    throw error;
  }
  return {
    name: 'Emmett',
    schema: name,
    async append(streamId, count, expectedVersion) {
      const events = new Array(count);
      for (let index = 0; index < count; index += 1) {
        events[index] = { type: 'ItemAdded', data: itemData(expectedVersion + index) };
      }
      await store.appendToStream(streamId, events, { expectedStreamVersion: BigInt(expectedVersion) });
    },
    async load(streamId) {
      return (await store.readStream(streamId)).events.length;
    },
    async readPage(after, limit): Promise<FeedPage> {
      const page = await readMessagesBatch(connections.execute, { after, batchSize: limit });
      return { count: page.messages.length, lastPosition: page.currentGlobalPosition };
    },
    bulkLoad: (eventCount) => bulkLoadEmmettShape(pool, eventCount),
    async countEvents() {
      return (await pool.query('select count(*)::int as count from emt_messages')).rows[0].count;
    },
    dispose,
  };
}
