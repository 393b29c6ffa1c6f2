import type { OrderItem } from '../orders/order-item';
import type { OrderStatus } from '../orders/order-status';

/** An order as `GET /orders/:id` shows it: the read model's row, JSON-ready. */
export interface OrderView {
  readonly orderId: string;
  readonly customerId: string;
  readonly status: OrderStatus;
  readonly items: readonly OrderItem[];
  /** The sum of the items, rounded to cents. */
  readonly totalAmount: number;
  /** Why the order was cancelled; `null` unless CANCELLED with a reason. */
  readonly cancellationReason: string | null;
  /** How many events the order has: send it back as `expectedVersion` to write only if nothing changed. */
  readonly version: number;
  /** When the order was placed, ISO 8601 UTC. */
  readonly placedAt: string;
  /** When the order last changed, ISO 8601 UTC. */
  readonly updatedAt: string;
}

/** One order of a customer, as `GET /customers/:customerId/orders` lists it. */
export interface CustomerOrderView {
  readonly orderId: string;
  readonly status: OrderStatus;
  readonly totalAmount: number;
  readonly version: number;
  readonly placedAt: string;
}
