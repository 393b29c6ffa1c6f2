import type { StoredEvent } from '@orchestrix/core';
import { OrderCancelled } from '../orders/messages/order-cancelled';
import { OrderPaid } from '../orders/messages/order-paid';
import { OrderPlaced } from '../orders/messages/order-placed';
import { OrderShipped } from '../orders/messages/order-shipped';
import type { OrderStatus } from '../orders/order-status';
import type { OrderView } from './order-view';

/** The event types the order views handle; the views skip every other type. */
export const ORDER_EVENT_TYPES = [OrderPlaced.type, OrderPaid.type, OrderShipped.type, OrderCancelled.type] as const;

/** A new order, as its OrderPlaced event describes it, and the event's position (the lists' sort key). */
export interface OrderPlacedChange {
  readonly kind: 'placed';
  readonly order: OrderView;
  readonly position: bigint;
}

/** A placed order's new status, from its OrderPaid, OrderShipped or OrderCancelled event. */
export interface OrderStatusChange {
  readonly kind: 'status';
  readonly orderId: string;
  readonly status: OrderStatus;
  /** The event's version: a view already at it (or beyond) has seen the event, and skips it. */
  readonly version: number;
  readonly updatedAt: string;
  readonly cancellationReason: string | null;
}

/** What one order event changes in the order views, whatever stores them. */
export type OrderChange = OrderPlacedChange | OrderStatusChange;

function statusChange(event: StoredEvent, status: OrderStatus, cancellationReason: string | null): OrderStatusChange {
  return {
    kind: 'status',
    orderId: event.streamId,
    status,
    version: event.version,
    updatedAt: event.timestamp,
    cancellationReason,
  };
}

/**
 * Reads what an order event changes in the views; `undefined` for any other event.
 *
 * @example const change = orderChangeOf(event); // { kind: 'status', orderId: 'order-1', status: 'PAID', … }
 */
export function orderChangeOf(event: StoredEvent): OrderChange | undefined {
  if (OrderPlaced.is(event)) {
    const { orderId, customerId, items, totalAmount } = event.data;
    const order: OrderView = {
      orderId,
      customerId,
      status: 'PENDING',
      items,
      totalAmount,
      cancellationReason: null,
      version: event.version,
      placedAt: event.timestamp,
      updatedAt: event.timestamp,
    };
    return { kind: 'placed', order, position: event.position };
  }
  if (OrderPaid.is(event)) return statusChange(event, 'PAID', null);
  if (OrderShipped.is(event)) return statusChange(event, 'SHIPPED', null);
  if (OrderCancelled.is(event)) return statusChange(event, 'CANCELLED', event.data.reason);
  return undefined;
}
