import { defineEvent, payload } from '@orchestrix/core';
import { PostgreSQLEventStore } from '@orchestrix/postgres';
import pg from 'pg';
import {
  type BenchSide,
  benchSchemaName,
  DATABASE_URL,
  type FeedPage,
  type ItemData,
  itemData,
  POOL_SIZE,
} from './bench-side';
import { bulkLoadOrchestrixShape } from './bulk-load';

const ItemAdded = defineEvent('ItemAdded', payload<ItemData>());

/** `PostgreSQLEventStore` as a user runs it: its own pool, events made by a factory. */
export async function orchestrixSide(): Promise<BenchSide> {
  const schema = benchSchemaName('ours');
  const store = new PostgreSQLEventStore({ connectionString: DATABASE_URL, schema, poolMax: POOL_SIZE });
  await store.initialize();
  // A separate pool for bulk loads and counts, so the store's pool holds only its own work.
  const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 1 });
  return {
    name: 'ours',
    schema,
    async append(streamId, count, expectedVersion) {
      const events = new Array(count);
      for (let index = 0; index < count; index += 1) events[index] = ItemAdded(itemData(expectedVersion + index));
      await store.save(streamId, events, expectedVersion);
    },
    async load(streamId) {
      return (await store.load(streamId)).length;
    },
    async readPage(after, limit): Promise<FeedPage> {
      const events = await store.readAll({ after, limit });
      return { count: events.length, lastPosition: events.at(-1)?.position ?? after };
    },
    bulkLoad: (eventCount) => bulkLoadOrchestrixShape(admin, schema, eventCount),
    async countEvents() {
      const result = await admin.query(`select count(*)::int as count from ${pg.escapeIdentifier(schema)}.events`);
      return result.rows[0].count;
    },
    async dispose() {
      await store.close();
      await admin.query(`drop schema if exists ${pg.escapeIdentifier(schema)} cascade`);
      await admin.end();
    },
  };
}
