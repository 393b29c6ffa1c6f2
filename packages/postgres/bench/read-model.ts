import pg from 'pg';

/** The projection's name: its checkpoint row on both sides. */
export const PROJECTION_NAME = 'order_items';

/** Events per batch on both sides: one read of the feed, one transaction, one checkpoint move. */
export const BATCH_SIZE = 500;

/**
 * The read model: one `items` row per event (keyed by event id, with an index to list an order's items)
 * and one `order_totals` row per stream, counting its items and summing their amounts.
 */
export function createReadModel(schema: string): string {
  const quoted = pg.escapeIdentifier(schema);
  return `
    create table ${quoted}.items (event_id text primary key, position bigint not null, stream_id text not null,
      sku text not null, quantity integer not null, unit_price numeric(12, 2) not null);
    create index items_stream_id_idx on ${quoted}.items (stream_id);
    create table ${quoted}.order_totals (stream_id text primary key, item_count integer not null,
      total numeric(14, 2) not null, last_position bigint not null);`;
}

/** The store's `checkpoints` table (migration 0002), column for column, for the raw side's schema. */
export function createCheckpoints(schema: string): string {
  return `create table ${pg.escapeIdentifier(schema)}.checkpoints (name text primary key,
    position bigint not null default 0, lease_owner text, fencing_token bigint not null default 0,
    lease_expires_at timestamptz)`;
}

/**
 * One event, one statement: its `items` row, and its order's `order_totals` row created or moved on.
 * Parameters: event id, position, stream id, sku, quantity, unit price.
 */
export function insertItemSql(schema: string): string {
  const quoted = pg.escapeIdentifier(schema);
  return `with item as (
      insert into ${quoted}.items (event_id, position, stream_id, sku, quantity, unit_price)
      values ($1, $2, $3, $4, $5, $6)
      returning stream_id, quantity * unit_price as amount, position)
    insert into ${quoted}.order_totals as totals (stream_id, item_count, total, last_position)
    select stream_id, 1, amount, position from item
    on conflict (stream_id) do update set item_count = totals.item_count + 1,
      total = totals.total + excluded.total, last_position = excluded.last_position`;
}

/**
 * A whole batch, one statement: every `items` row through `unnest`, then one `order_totals` upsert per
 * order. Parameters: arrays of event ids, positions, stream ids, skus, quantities and unit prices.
 */
export function insertItemsSql(schema: string): string {
  const quoted = pg.escapeIdentifier(schema);
  return `with item as (
      insert into ${quoted}.items (event_id, position, stream_id, sku, quantity, unit_price)
      select * from unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::integer[], $6::numeric[])
      returning stream_id, quantity * unit_price as amount, position)
    insert into ${quoted}.order_totals as totals (stream_id, item_count, total, last_position)
    select stream_id, count(*), sum(amount), max(position) from item group by stream_id
    on conflict (stream_id) do update set item_count = totals.item_count + excluded.item_count,
      total = totals.total + excluded.total, last_position = excluded.last_position`;
}

/** The columns of one `items` row, as both statements take them. */
export type ItemRow = readonly [
  eventId: string,
  position: string,
  streamId: string,
  sku: string,
  quantity: number,
  unitPrice: number,
];

/** The six parameter arrays of {@link insertItemsSql}, one entry per row. */
export function toColumns(rows: readonly ItemRow[]): unknown[][] {
  const columns: unknown[][] = [[], [], [], [], [], []];
  for (const row of rows) {
    for (let index = 0; index < 6; index += 1) columns[index]?.push(row[index]);
  }
  return columns;
}

/** Empties the read model and removes the checkpoint, so the next run replays the whole feed. */
export async function resetReadModel(pool: pg.Pool, schema: string): Promise<void> {
  const quoted = pg.escapeIdentifier(schema);
  await pool.query(`truncate ${quoted}.items, ${quoted}.order_totals`);
  await pool.query(`delete from ${quoted}.checkpoints where name = $1`, [PROJECTION_NAME]);
}

/** What a finished replay left: counted so every side can be checked against the feed and the others. */
export interface ReadModelSummary {
  readonly items: number;
  readonly orders: number;
  readonly itemCount: number;
  readonly total: string;
  readonly checkpoint: string;
}

export async function summarizeReadModel(pool: pg.Pool, schema: string): Promise<ReadModelSummary> {
  const quoted = pg.escapeIdentifier(schema);
  const result = await pool.query(
    `select (select count(*)::int from ${quoted}.items) as items,
       (select count(*)::int from ${quoted}.order_totals) as orders,
       (select coalesce(sum(item_count), 0)::int from ${quoted}.order_totals) as item_count,
       (select coalesce(sum(total), 0)::text from ${quoted}.order_totals) as total,
       (select coalesce(max(position), 0)::text from ${quoted}.checkpoints where name = $1) as checkpoint`,
    [PROJECTION_NAME],
  );
  const row = result.rows[0];
  return {
    items: row.items,
    orders: row.orders,
    itemCount: row.item_count,
    total: row.total,
    checkpoint: row.checkpoint,
  };
}
