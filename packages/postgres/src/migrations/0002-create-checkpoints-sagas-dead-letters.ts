import type { Kysely, Migration } from 'kysely';

/**
 * Checkpoints (with their lease and fencing token), saga states (with their lease) and dead letters. The
 * `save_order` and `queue_order` identity columns give `list` the order the in-memory stores keep: the
 * last save, and the enqueueing, even when many rows share one timestamp.
 */
export function createCheckpointsSagasDeadLetters(schema: string): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const builder = db.schema.withSchema(schema);
      await builder
        .createTable('checkpoints')
        .addColumn('name', 'text', (column) => column.primaryKey())
        .addColumn('position', 'bigint', (column) => column.notNull().defaultTo(0))
        .addColumn('lease_owner', 'text')
        .addColumn('fencing_token', 'bigint', (column) => column.notNull().defaultTo(0))
        .addColumn('lease_expires_at', 'timestamptz')
        .execute();

      await builder
        .createTable('saga_states')
        .addColumn('saga_id', 'text', (column) => column.primaryKey())
        .addColumn('saga_type', 'text', (column) => column.notNull())
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('version', 'integer', (column) => column.notNull())
        .addColumn('state', 'jsonb', (column) => column.notNull())
        .addColumn('updated_at', 'timestamptz', (column) => column.notNull())
        .addColumn('save_order', 'bigint', (column) => column.notNull().generatedAlwaysAsIdentity())
        .addColumn('lease_owner', 'text')
        .addColumn('lease_expires_at', 'timestamptz')
        .execute();
      await builder
        .createIndex('saga_states_claim_idx')
        .on('saga_states')
        .columns(['status', 'lease_expires_at'])
        .execute();
      await builder.createIndex('saga_states_save_order_idx').on('saga_states').column('save_order').execute();

      await builder
        .createTable('dead_letters')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('queue_order', 'bigint', (column) => column.notNull().generatedAlwaysAsIdentity())
        .addColumn('handler_name', 'text', (column) => column.notNull())
        .addColumn('message_type', 'text', (column) => column.notNull())
        .addColumn('message', 'jsonb', (column) => column.notNull())
        .addColumn('attempts', 'integer', (column) => column.notNull())
        .addColumn('error', 'jsonb', (column) => column.notNull())
        .addColumn('failed_at', 'timestamptz', (column) => column.notNull())
        .execute();
      await builder.createIndex('dead_letters_queue_order_idx').on('dead_letters').column('queue_order').execute();
      await builder
        .createIndex('dead_letters_handler_name_idx')
        .on('dead_letters')
        .columns(['handler_name', 'queue_order'])
        .execute();
      await builder
        .createIndex('dead_letters_message_type_idx')
        .on('dead_letters')
        .columns(['message_type', 'queue_order'])
        .execute();
    },
  };
}
