import pg from 'pg';
import { BULK_NOTE } from './bench-side';

/** Events per bulk transaction: below 2^14, so positions `(xid << 14) + ordinal` never collide. */
const EVENTS_PER_TRANSACTION = 10_000;
const EVENTS_PER_STREAM = 100;

/** The data of a bulk event, built in SQL from `g`, the row's ordinal in its transaction, and `$1`, the batch. */
const DATA = `jsonb_build_object('orderId', 'order-' || ($1::int * 100 + g / 100), 'sku', 'SKU-' || (g % 1000),
  'name', 'Stainless steel water bottle', 'quantity', g % 5 + 1, 'unitPrice', 19.99, 'note', $2::text)`;

async function inBatches(pool: pg.Pool, eventCount: number, sql: string, tables: string): Promise<void> {
  for (let batch = 0; batch < eventCount / EVENTS_PER_TRANSACTION; batch += 1) {
    await pool.query(sql, [batch, BULK_NOTE]);
  }
  await pool.query(`analyze ${tables}`);
}

/**
 * Fills an Orchestrix-shaped schema (the store's or raw pg's) as the store would: one transaction per
 * 10,000 events, positions `(xid << 14) + ordinal`, 100 events per stream and their `streams` rows.
 */
export function bulkLoadOrchestrixShape(pool: pg.Pool, schema: string, eventCount: number): Promise<void> {
  const quoted = pg.escapeIdentifier(schema);
  return inBatches(
    pool,
    eventCount,
    `with x as (select pg_current_xact_id() as xid),
     s as (insert into ${quoted}.streams (stream_id, version)
       select 'bulk-' || ($1::int * 100 + g), ${EVENTS_PER_STREAM} from generate_series(0, 99) g)
     insert into ${quoted}.events (position, transaction_id, stream_id, version, event_id, type, data, source,
       timestamp, schema_version)
     select (x.xid::text::bigint << 14) + g, x.xid, 'bulk-' || ($1::int * 100 + g / 100), g % 100 + 1,
       gen_random_uuid()::text, 'ItemAdded', ${DATA}, 'orchestrix', now(), 1
     from x, generate_series(0, ${EVENTS_PER_TRANSACTION - 1}) g`,
    `${quoted}.events, ${quoted}.streams`,
  );
}

/** Fills Emmett's tables as its append does: global positions from its sequence, metadata `{}`. */
export function bulkLoadEmmettShape(pool: pg.Pool, eventCount: number): Promise<void> {
  return inBatches(
    pool,
    eventCount,
    `with s as (insert into emt_streams (stream_id, stream_position, partition, stream_type, stream_metadata)
       select 'bulk-' || ($1::int * 100 + g), ${EVENTS_PER_STREAM}, 'emt:default', 'bulk', '{}' from generate_series(0, 99) g)
     insert into emt_messages (stream_position, transaction_id, stream_id, partition, message_schema_version,
       message_id, message_type, message_data, message_metadata)
     select g % 100 + 1, pg_current_xact_id(), 'bulk-' || ($1::int * 100 + g / 100), 'emt:default', '1',
       gen_random_uuid()::text, 'ItemAdded', ${DATA}, '{}'
     from generate_series(0, ${EVENTS_PER_TRANSACTION - 1}) g
     order by g`,
    'emt_messages, emt_streams',
  );
}
