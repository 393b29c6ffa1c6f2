import pg from 'pg';
import { benchSchemaName, DATABASE_URL } from './bench-side';
import { type CatchUpSide, lastPosition, prepareFeed, type ReplayOptions, timedReplay } from './catch-up-side';
import { createRawTables } from './raw-pg-side';
import {
  BATCH_SIZE,
  createCheckpoints,
  type ItemRow,
  insertItemSql,
  insertItemsSql,
  PROJECTION_NAME,
  summarizeReadModel,
  toColumns,
} from './read-model';

/** The store's `readAll` statement, character for character: the same columns, filter, order and limit. */
function readAllSql(schema: string): string {
  const events = `"${schema}".events`;
  return `select position::text, stream_id, version, event_id, type, data::text, source,
  to_char(timestamp at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), schema_version, subject,
  datacontenttype, dataschema, correlation_id, causation_id, trace_id, traceparent from ${events} where position > $1 and ($2::text[] is null or type = any($2))
        and transaction_id < pg_snapshot_xmin(pg_current_snapshot()) order by ${events}.position limit $3`;
}

/** The checkpoint's compare-and-set, as the store's: insert (or move from 0) the first time, then update. */
function compareAndSetSql(schema: string, isFirst: boolean): string {
  const checkpoints = `${pg.escapeIdentifier(schema)}.checkpoints`;
  return isFirst
    ? `insert into ${checkpoints} as checkpoints (name, position) values ($1, $2)
       on conflict (name) do update set position = $2 where checkpoints.position = $3 returning name`
    : `update ${checkpoints} set position = $2 where name = $1 and position = $3 returning name`;
}

type FeedRow = [position: string, streamId: string, version: number, eventId: string, type: string, data: string];

/**
 * Raw pg: a hand-written loop over the same feed pages, as fast as we know how. Each page is read with
 * the store's statement (prepared, rows as arrays, data parsed with `JSON.parse`), then written in one
 * transaction on one connection: the read model's statements (prepared), the checkpoint's compare-and-set
 * last, then COMMIT. It stops at the first empty page. The diagnostic `isUnprepared` sends the same
 * statements unnamed, as kysely sends ours.
 */
export async function rawCatchUpSide(eventCount: number): Promise<CatchUpSide> {
  const schema = benchSchemaName('proj_raw');
  const quoted = pg.escapeIdentifier(schema);
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
  const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 1 });
  const dispose = async (): Promise<void> => {
    await admin.query(`drop schema if exists ${quoted} cascade`);
    await Promise.all([pool.end(), admin.end()]);
  };
  try {
    await admin.query(createRawTables(quoted));
    await admin.query(createCheckpoints(schema));
    await prepareFeed(admin, schema, eventCount);
  } catch (error) {
    await dispose();
    throw error;
  }
  const readAll = { name: 'proj-read-all', text: readAllSql(schema) };
  const statements = {
    each: { name: 'proj-insert-item', text: insertItemSql(schema) },
    batch: { name: 'proj-insert-items', text: insertItemsSql(schema) },
    first: { name: 'proj-checkpoint-first', text: compareAndSetSql(schema, true) },
    next: { name: 'proj-checkpoint', text: compareAndSetSql(schema, false) },
  };

  async function writeBatch(options: ReplayOptions, rows: readonly ItemRow[], from: bigint, to: bigint): Promise<void> {
    // Unnamed, pg sends a statement with its values in one go and the server parses and plans it each time.
    const statement = ({ name, text }: { name: string; text: string }) =>
      options.isUnprepared ? { text } : { name, text };
    const client = await pool.connect();
    try {
      await client.query('begin');
      if (options.mode === 'each') {
        for (const row of rows) await client.query({ ...statement(statements.each), values: [...row] });
      } else {
        await client.query({ ...statement(statements.batch), values: toColumns(rows) });
      }
      const checkpoint = statement(from === 0n ? statements.first : statements.next);
      const moved = await client.query({ ...checkpoint, values: [PROJECTION_NAME, to.toString(), from.toString()] });
      if (moved.rowCount !== 1) throw new Error(`checkpoint ${PROJECTION_NAME} is no longer at ${from}`);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback');
      throw error;
    } finally {
      client.release();
    }
  }

  async function replay(options: ReplayOptions): Promise<void> {
    let position = 0n;
    for (;;) {
      const page = await pool.query<FeedRow>({
        ...readAll,
        values: [position.toString(), null, BATCH_SIZE],
        rowMode: 'array',
      });
      const last = page.rows.at(-1);
      if (last === undefined) return;
      const rows: ItemRow[] = [];
      for (const [eventPosition, streamId, , eventId, type, data] of page.rows) {
        if (type !== 'ItemAdded') continue;
        const item = JSON.parse(data);
        rows.push([eventId, eventPosition, streamId, item.sku, item.quantity, item.unitPrice]);
      }
      const next = BigInt(last[0]);
      await writeBatch(options, rows, position, next);
      position = next;
    }
  }

  return {
    name: 'raw pg',
    schema,
    replay: (options) => timedReplay(admin, schema, () => replay(options)),
    summarize: () => summarizeReadModel(admin, schema),
    head: () => lastPosition(admin, schema),
    dispose,
  };
}
