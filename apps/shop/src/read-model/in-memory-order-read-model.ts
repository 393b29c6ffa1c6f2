import { defineProjection, type Projection, type StoredEvent } from '@orchestrix/core';
import { ORDER_EVENT_TYPES, type OrderChange, orderChangeOf } from './order-change';
import { ORDERS_BY_CUSTOMER, ORDERS_BY_ID, type OrderReadModel } from './order-read-model';
import type { CustomerOrderView, OrderView } from './order-view';

/** Builds a projection that hands each order event's change to `apply`. */
function orderProjection(name: string, apply: (change: OrderChange) => void, reset: () => void): Projection {
  const handle = (event: StoredEvent): void => {
    const change = orderChangeOf(event);
    if (change !== undefined) apply(change);
  };
  return defineProjection({
    name,
    handlers: Object.fromEntries(ORDER_EVENT_TYPES.map((type) => [type, handle])),
    reset,
  });
}

/**
 * The read model in two Maps, for the in-memory shop: orders by id, and each customer's orders in the
 * order they were placed. A change the view has seen (its version is not newer) is skipped, so a
 * replayed event changes nothing.
 *
 * @example
 * const readModel = new InMemoryOrderReadModel();
 * const runner = new ProjectionRunner({ source: store, checkpoints, projections: readModel.projections });
 */
export class InMemoryOrderReadModel implements OrderReadModel {
  readonly #orders = new Map<string, OrderView>();
  readonly #customerOf = new Map<string, string>();
  readonly #customerOrders = new Map<string, Map<string, CustomerOrderView>>();

  /** {@inheritDoc OrderReadModel.projections} */
  readonly projections: readonly Projection[] = Object.freeze([
    orderProjection(
      ORDERS_BY_ID,
      (change) => this.#applyToOrders(change),
      () => this.#orders.clear(),
    ),
    orderProjection(
      ORDERS_BY_CUSTOMER,
      (change) => this.#applyToCustomers(change),
      () => {
        this.#customerOf.clear();
        this.#customerOrders.clear();
      },
    ),
  ]);

  /** {@inheritDoc OrderReadModel.findOrder} */
  async findOrder(orderId: string): Promise<OrderView | undefined> {
    return this.#orders.get(orderId);
  }

  /** {@inheritDoc OrderReadModel.ordersOfCustomer} */
  async ordersOfCustomer(customerId: string): Promise<readonly CustomerOrderView[]> {
    return [...(this.#customerOrders.get(customerId)?.values() ?? [])];
  }

  #applyToOrders(change: OrderChange): void {
    if (change.kind === 'placed') {
      if (!this.#orders.has(change.order.orderId)) this.#orders.set(change.order.orderId, Object.freeze(change.order));
      return;
    }
    const order = this.#orders.get(change.orderId);
    if (order === undefined || order.version >= change.version) return;
    const { status, version, updatedAt, cancellationReason } = change;
    this.#orders.set(change.orderId, Object.freeze({ ...order, status, version, updatedAt, cancellationReason }));
  }

  #applyToCustomers(change: OrderChange): void {
    if (change.kind === 'placed') {
      const { orderId, customerId, status, totalAmount, version, placedAt } = change.order;
      const orders = this.#customerOrders.get(customerId) ?? new Map<string, CustomerOrderView>();
      if (orders.has(orderId)) return;
      orders.set(orderId, Object.freeze({ orderId, status, totalAmount, version, placedAt }));
      this.#customerOrders.set(customerId, orders);
      this.#customerOf.set(orderId, customerId);
      return;
    }
    const orders = this.#customerOrders.get(this.#customerOf.get(change.orderId) ?? '');
    const order = orders?.get(change.orderId);
    if (orders === undefined || order === undefined || order.version >= change.version) return;
    orders.set(change.orderId, Object.freeze({ ...order, status: change.status, version: change.version }));
  }
}
