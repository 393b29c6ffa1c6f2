import { defineProjection, type Projection, type ProjectionContext, type StoredEvent } from '@orchestrix/core';
import { type StoreTimeouts, toOrchestrixError, validateSchemaName } from '@orchestrix/postgres';
import { Kysely, PostgresDialect, type Selectable, sql, type Transaction } from 'kysely';
import type pg from 'pg';
import { ORDER_EVENT_TYPES, type OrderChange, orderChangeOf } from './order-change';
import { ORDERS_BY_CUSTOMER, ORDERS_BY_ID, type OrderReadModel } from './order-read-model';
import type { CustomerOrderView, OrderView } from './order-view';
import type { OrdersTable, ShopDatabase } from './shop-database';

/** Options of {@link PostgresOrderReadModel}. */
export interface PostgresOrderReadModelOptions {
  /** The pool the event store runs on; the read model never ends it. */
  readonly pool: pg.Pool;
  /** The schema of the `orders` and `customer_orders` tables: the event store's. */
  readonly schema: string;
  /** The pool's statement and lock timeouts, named in the errors of queries that exceed them; 30 s and 10 s unless given. */
  readonly timeouts?: StoreTimeouts;
}

const DEFAULT_TIMEOUTS: StoreTimeouts = { statementTimeoutMs: 30_000, lockTimeoutMs: 10_000 };

type Writer = Transaction<ShopDatabase>;

/** The runner's transaction, in which the read model's writes commit together with the checkpoint. */
function transactionOf(context: ProjectionContext, schema: string): Writer {
  if (context.transaction === undefined) {
    throw new Error(
      `${context.projectionName} writes PostgreSQL rows: run it on a checkpoint store with withTransaction`,
    );
  }
  return (context.transaction as Writer).withSchema(schema);
}

function toOrderView(row: Selectable<OrdersTable>): OrderView {
  return {
    orderId: row.order_id,
    customerId: row.customer_id,
    status: row.status,
    // jsonb keeps keys in its own order: list them as the API does everywhere.
    items: row.items.map(({ productId, quantity, unitPrice }) => ({ productId, quantity, unitPrice })),
    totalAmount: Number(row.total_amount),
    cancellationReason: row.cancellation_reason,
    version: row.version,
    placedAt: row.placed_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

async function applyToOrders(db: Writer, change: OrderChange): Promise<void> {
  if (change.kind === 'placed') {
    const { order } = change;
    await db
      .insertInto('orders')
      .values({
        order_id: order.orderId,
        customer_id: order.customerId,
        status: order.status,
        items: JSON.stringify(order.items),
        total_amount: order.totalAmount,
        cancellation_reason: null,
        version: order.version,
        placed_at: order.placedAt,
        updated_at: order.updatedAt,
      })
      .onConflict((conflict) => conflict.column('order_id').doNothing())
      .execute();
    return;
  }
  await db
    .updateTable('orders')
    .set({
      status: change.status,
      version: change.version,
      updated_at: change.updatedAt,
      cancellation_reason: change.cancellationReason,
    })
    .where('order_id', '=', change.orderId)
    .where('version', '<', change.version)
    .execute();
}

async function applyToCustomerOrders(db: Writer, change: OrderChange): Promise<void> {
  if (change.kind === 'placed') {
    const { order } = change;
    await db
      .insertInto('customer_orders')
      .values({
        order_id: order.orderId,
        customer_id: order.customerId,
        status: order.status,
        total_amount: order.totalAmount,
        version: order.version,
        placed_at: order.placedAt,
        placed_position: change.position.toString(),
      })
      .onConflict((conflict) => conflict.column('order_id').doNothing())
      .execute();
    return;
  }
  await db
    .updateTable('customer_orders')
    .set({ status: change.status, version: change.version })
    .where('order_id', '=', change.orderId)
    .where('version', '<', change.version)
    .execute();
}

/**
 * The read model in two tables of the shop's schema: `orders` (by id) and `customer_orders` (by customer,
 * in the order placed). Each projection creates its table in `init`, empties it in `reset`, and writes
 * through the runner's transaction (`context.transaction`), so its rows and its checkpoint commit or roll
 * back together. A replayed event changes nothing: inserts skip existing orders, updates need a newer version.
 *
 * @example
 * const readModel = new PostgresOrderReadModel({ pool, schema: 'shop' });
 * const runner = new ProjectionRunner({ source: store, checkpoints: store.checkpoints(), projections: readModel.projections });
 */
export class PostgresOrderReadModel implements OrderReadModel {
  readonly #db: Kysely<ShopDatabase>;
  readonly #schema: string;
  readonly #timeouts: StoreTimeouts;

  /** {@inheritDoc OrderReadModel.projections} */
  readonly projections: readonly Projection[];

  /** @throws {@link ValidationError} for a schema that is not a plain lower-case identifier. */
  constructor(options: PostgresOrderReadModelOptions) {
    validateSchemaName(options.schema);
    this.#schema = options.schema;
    this.#timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
    this.#db = new Kysely<ShopDatabase>({ dialect: new PostgresDialect({ pool: options.pool }) });
    this.projections = Object.freeze([
      this.#projection(ORDERS_BY_ID, 'orders', applyToOrders),
      this.#projection(ORDERS_BY_CUSTOMER, 'customer_orders', applyToCustomerOrders),
    ]);
  }

  /**
   * {@inheritDoc OrderReadModel.findOrder}
   *
   * @throws {@link StoreUnavailableError} (or another typed error, mapped from pg's) when the query fails.
   */
  async findOrder(orderId: string): Promise<OrderView | undefined> {
    const row = await this.#query(`read order "${orderId}"`, () =>
      this.#db
        .withSchema(this.#schema)
        .selectFrom('orders')
        .selectAll()
        .where('order_id', '=', orderId)
        .executeTakeFirst(),
    );
    return row === undefined ? undefined : toOrderView(row);
  }

  /**
   * {@inheritDoc OrderReadModel.ordersOfCustomer}
   *
   * @throws {@link StoreUnavailableError} (or another typed error, mapped from pg's) when the query fails.
   */
  async ordersOfCustomer(customerId: string): Promise<readonly CustomerOrderView[]> {
    const rows = await this.#query(`read the orders of customer "${customerId}"`, () =>
      this.#db
        .withSchema(this.#schema)
        .selectFrom('customer_orders')
        .select(['order_id', 'status', 'total_amount', 'version', 'placed_at'])
        .where('customer_id', '=', customerId)
        .orderBy('placed_position')
        .execute(),
    );
    return rows.map((row) => ({
      orderId: row.order_id,
      status: row.status,
      totalAmount: Number(row.total_amount),
      version: row.version,
      placedAt: row.placed_at.toISOString(),
    }));
  }

  /** Runs a query, mapping pg's errors to typed Orchestrix errors, as the stores do. */
  async #query<T>(operation: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw toOrchestrixError(error, operation, this.#timeouts);
    }
  }

  #projection(
    name: string,
    table: keyof ShopDatabase,
    apply: (db: Writer, change: OrderChange) => Promise<void>,
  ): Projection {
    const handle = async (event: StoredEvent, context: ProjectionContext): Promise<void> => {
      const change = orderChangeOf(event);
      if (change !== undefined) await apply(transactionOf(context, this.#schema), change);
    };
    return defineProjection({
      name,
      handlers: Object.fromEntries(ORDER_EVENT_TYPES.map((type) => [type, handle])),
      init: () => this.#createTable(table),
      // In the transaction that sets the checkpoint back to 0: both happen, or neither.
      reset: (context) => transactionOf(context, this.#schema).deleteFrom(table).execute(),
    });
  }

  async #createTable(table: keyof ShopDatabase): Promise<void> {
    await this.#db.transaction().execute(async (transaction) => {
      // Two processes starting together would race on `create table if not exists`: take turns (kysely has no builder for advisory locks).
      await sql`select pg_advisory_xact_lock(hashtext(${`shop:${this.#schema}`}))`.execute(transaction);
      const schema = transaction.schema.withSchema(this.#schema);
      if (table === 'orders') {
        await schema
          .createTable('orders')
          .ifNotExists()
          .addColumn('order_id', 'text', (column) => column.primaryKey())
          .addColumn('customer_id', 'text', (column) => column.notNull())
          .addColumn('status', 'text', (column) => column.notNull())
          .addColumn('items', 'jsonb', (column) => column.notNull())
          .addColumn('total_amount', 'numeric(14, 2)', (column) => column.notNull())
          .addColumn('cancellation_reason', 'text')
          .addColumn('version', 'integer', (column) => column.notNull())
          .addColumn('placed_at', 'timestamptz', (column) => column.notNull())
          .addColumn('updated_at', 'timestamptz', (column) => column.notNull())
          .execute();
        return;
      }
      await schema
        .createTable('customer_orders')
        .ifNotExists()
        .addColumn('order_id', 'text', (column) => column.primaryKey())
        .addColumn('customer_id', 'text', (column) => column.notNull())
        .addColumn('status', 'text', (column) => column.notNull())
        .addColumn('total_amount', 'numeric(14, 2)', (column) => column.notNull())
        .addColumn('version', 'integer', (column) => column.notNull())
        .addColumn('placed_at', 'timestamptz', (column) => column.notNull())
        .addColumn('placed_position', 'bigint', (column) => column.notNull())
        .execute();
      await schema
        .createIndex('customer_orders_by_customer')
        .ifNotExists()
        .on('customer_orders')
        .columns(['customer_id', 'placed_position'])
        .execute();
    });
  }
}
