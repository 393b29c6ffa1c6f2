import type { ColumnType } from 'kysely';
import type { OrderItem } from '../orders/order-item';
import type { OrderStatus } from '../orders/order-status';

/** A `numeric` column: pg reads it as a string, to keep every digit; the shop writes numbers. */
type Numeric = ColumnType<string, number, number>;

/** A `timestamptz` column: pg reads a Date; the shop writes the event's ISO 8601 timestamp. */
type Timestamp = ColumnType<Date, string, string>;

/** The row of one order in the `orders` table, kept by the `orders_by_id` projection. */
export interface OrdersTable {
  order_id: string;
  customer_id: string;
  status: OrderStatus;
  /** `jsonb`: pg parses it on read; written as JSON text. */
  items: ColumnType<OrderItem[], string, never>;
  total_amount: Numeric;
  cancellation_reason: string | null;
  version: number;
  placed_at: Timestamp;
  updated_at: Timestamp;
}

/** The row of one order in the `customer_orders` table, kept by the `orders_by_customer` projection. */
export interface CustomerOrdersTable {
  order_id: string;
  customer_id: string;
  status: OrderStatus;
  total_amount: Numeric;
  version: number;
  placed_at: Timestamp;
  /** `bigint`: the OrderPlaced event's global position, which orders a customer's list; pg reads it as text. */
  placed_position: ColumnType<string, string, never>;
}

/** The shop's read-model tables, for kysely; they live in the shop's schema, beside the event store's. */
export interface ShopDatabase {
  orders: OrdersTable;
  customer_orders: CustomerOrdersTable;
}
