import { defineProjection, type Projection, type StoredEvent } from '@orchestrix/core';
import { CompiledQuery, type Transaction } from 'kysely';
import type { ItemData } from './bench-side';
import { BATCH_SIZE, type ItemRow, insertItemSql, insertItemsSql, PROJECTION_NAME, toColumns } from './read-model';

/** How the projection writes its read model: one statement per event, or one per batch. */
export type ProjectionMode = 'each' | 'batch';

function toItemRow(event: StoredEvent): ItemRow {
  const data = event.data as ItemData;
  return [event.id, event.position.toString(), event.streamId, data.sku, data.quantity, data.unitPrice];
}

/**
 * The `order_items` projection of `schema`, written through the runner's transaction (`context.transaction`,
 * a kysely `Transaction`) so the read model and the checkpoint commit together. It sends the very SQL text
 * the raw side prepares, as a `CompiledQuery`, so both sides run the same statements.
 */
export function orderItemsProjection(schema: string, mode: ProjectionMode): Projection {
  if (mode === 'each') {
    const text = insertItemSql(schema);
    return defineProjection({
      name: PROJECTION_NAME,
      batchSize: BATCH_SIZE,
      handlers: {
        ItemAdded: async (event, context) => {
          const transaction = context.transaction as Transaction<unknown>;
          await transaction.executeQuery(CompiledQuery.raw(text, [...toItemRow(event)]));
        },
      },
    });
  }
  const text = insertItemsSql(schema);
  return defineProjection({
    name: PROJECTION_NAME,
    batchSize: BATCH_SIZE,
    handleBatch: async (events, context) => {
      const transaction = context.transaction as Transaction<unknown>;
      const rows = events.filter((event) => event.type === 'ItemAdded').map(toItemRow);
      await transaction.executeQuery(CompiledQuery.raw(text, toColumns(rows)));
    },
  });
}
