import type { Projection } from '@orchestrix/core';
import type { CustomerOrderView, OrderView } from './order-view';

/** The projection that keeps the orders by id. */
export const ORDERS_BY_ID = 'orders_by_id';

/** The projection that keeps each customer's orders. */
export const ORDERS_BY_CUSTOMER = 'orders_by_customer';

/**
 * The shop's query side: the two projections a `ProjectionRunner` runs ({@link ORDERS_BY_ID} and
 * {@link ORDERS_BY_CUSTOMER}), and the queries over what they wrote. In memory or on PostgreSQL.
 */
export interface OrderReadModel {
  /** The projections to hand to the runner, in this order. */
  readonly projections: readonly Projection[];
  /** The order, or `undefined` when the projection has not seen it. */
  findOrder(orderId: string): Promise<OrderView | undefined>;
  /** The customer's orders, oldest first; empty for a customer with none. */
  ordersOfCustomer(customerId: string): Promise<readonly CustomerOrderView[]>;
}
