import { AggregateRoot, type MessageOf, ValidationError } from '@orchestrix/core';
import { InvalidOrderStateError } from './invalid-order-state-error';
import { OrderCancelled } from './messages/order-cancelled';
import { OrderPaid } from './messages/order-paid';
import { OrderPlaced } from './messages/order-placed';
import { OrderShipped } from './messages/order-shipped';
import { type OrderItem, totalOf } from './order-item';
import type { OrderStatus } from './order-status';

/** The statuses each action is allowed from. */
const ALLOWED_FROM: Readonly<Record<'pay' | 'ship' | 'cancel', readonly OrderStatus[]>> = {
  pay: ['PENDING'],
  ship: ['PAID'],
  cancel: ['PENDING', 'PAID'],
};

/**
 * An order, event-sourced: placed (PENDING), paid (PAID), then shipped (SHIPPED); or cancelled while
 * PENDING or PAID. Each decision checks the status and applies one event. Inputs reach it checked by the
 * command factories.
 *
 * @example await repository.handle(Order, 'order-1', (order) => order.pay(59.98));
 */
export class Order extends AggregateRoot {
  customerId = '';
  items: readonly OrderItem[] = [];
  /** The sum of the items, in the currency's units, rounded to cents. */
  totalAmount = 0;
  /** PENDING once placed; read it only after {@link Order.isPlaced}. */
  status: OrderStatus = 'PENDING';
  /** Why the order was cancelled; `null` unless it is CANCELLED with a reason. */
  cancellationReason: string | null = null;

  /** `true` once the order has been placed. */
  isPlaced(): boolean {
    return this.version > 0;
  }

  /**
   * Places the order with its items; the total is computed here, rounded to cents.
   *
   * @throws {@link InvalidOrderStateError} when it is placed already.
   */
  place(orderId: string, customerId: string, items: readonly OrderItem[]): void {
    if (this.isPlaced()) throw new InvalidOrderStateError(this.aggregateId, this.status, 'place');
    this.applyEvent(OrderPlaced({ orderId, customerId, items, totalAmount: totalOf(items) }));
  }

  /**
   * Records the payment of the order's total.
   *
   * @throws {@link InvalidOrderStateError} unless the order is PENDING.
   * @throws {@link ValidationError} (field `amount`) when `amount` is not the order's total.
   */
  pay(amount: number): void {
    this.#requireAllowed('pay');
    if (amount !== this.totalAmount) {
      throw new ValidationError('amount', amount, `amount must equal the order total, ${this.totalAmount}`);
    }
    this.applyEvent(OrderPaid({ orderId: this.aggregateId, amount }));
  }

  /**
   * Ships the order.
   *
   * @throws {@link InvalidOrderStateError} unless the order is PAID.
   */
  ship(): void {
    this.#requireAllowed('ship');
    this.applyEvent(OrderShipped({ orderId: this.aggregateId }));
  }

  /**
   * Cancels the order, for `reason` when given.
   *
   * @throws {@link InvalidOrderStateError} when the order has shipped or is cancelled already.
   */
  cancel(reason: string | null): void {
    this.#requireAllowed('cancel');
    this.applyEvent(OrderCancelled({ orderId: this.aggregateId, reason }));
  }

  #requireAllowed(action: keyof typeof ALLOWED_FROM): void {
    if (!this.isPlaced() || !ALLOWED_FROM[action].includes(this.status)) {
      throw new InvalidOrderStateError(this.aggregateId, this.status, action);
    }
  }

  protected whenOrderPlaced(event: MessageOf<typeof OrderPlaced>): void {
    this.aggregateId = event.data.orderId;
    this.customerId = event.data.customerId;
    this.items = event.data.items;
    this.totalAmount = event.data.totalAmount;
    this.status = 'PENDING';
  }

  protected whenOrderPaid(): void {
    this.status = 'PAID';
  }

  protected whenOrderShipped(): void {
    this.status = 'SHIPPED';
  }

  protected whenOrderCancelled(event: MessageOf<typeof OrderCancelled>): void {
    this.status = 'CANCELLED';
    this.cancellationReason = event.data.reason;
  }
}
