import { AggregateRoot, type MessageOf, ValidationError, validateNotEmpty } from '@orchestrix/core';
import { InvalidOrderStateError } from './invalid-order-state-error';
import { InventoryReserved } from './messages/inventory-reserved';
import { OrderCancelled } from './messages/order-cancelled';
import { OrderConfirmed } from './messages/order-confirmed';
import { OrderPlaced } from './messages/order-placed';
import { PaymentCompleted } from './messages/payment-completed';
import { type OrderItem, totalOf, validateOrderItems } from './order-item';
import type { OrderStatus } from './order-status';

/** The statuses each action is allowed from. */
const ALLOWED_FROM: Readonly<Record<'pay' | 'reserveInventory' | 'confirm' | 'cancel', readonly OrderStatus[]>> = {
  pay: ['PENDING'],
  reserveInventory: ['PAID'],
  confirm: ['INVENTORY_RESERVED'],
  cancel: ['PENDING', 'PAID', 'INVENTORY_RESERVED'],
};

/**
 * An order, event-sourced: placed (PENDING), paid, its inventory reserved, then confirmed; or cancelled
 * at any point before confirmation. Each decision checks the status and applies one event.
 *
 * @example
 * await repository.handle(Order, 'order-1001', (order) => order.pay(109.97));
 */
export class Order extends AggregateRoot {
  customerId = '';
  items: readonly OrderItem[] = [];
  /** The sum of the items, in the currency's units, rounded to cents. */
  totalAmount = 0;
  /** PENDING once placed; read it only after {@link Order.isPlaced}. */
  status: OrderStatus = 'PENDING';
  /** Why the order was cancelled; `undefined` unless it is CANCELLED. */
  cancellationReason: string | undefined = undefined;

  /** `true` once the order has been placed. */
  isPlaced(): boolean {
    return this.version > 0;
  }

  /**
   * Places the order with its items; the total is computed here, rounded to cents.
   *
   * @throws {@link InvalidOrderStateError} when it is placed already.
   * @throws {@link ValidationError} for empty ids or invalid items.
   */
  place(orderId: string, customerId: string, items: readonly OrderItem[]): void {
    if (this.isPlaced()) throw new InvalidOrderStateError(this.aggregateId, this.status, 'place');
    validateNotEmpty(orderId, 'orderId');
    validateNotEmpty(customerId, 'customerId');
    validateOrderItems(items);
    this.applyEvent(OrderPlaced({ orderId, customerId, items, totalAmount: totalOf(items) }));
  }

  /**
   * Records the payment of the order's total.
   *
   * @throws {@link InvalidOrderStateError} unless the order is PENDING.
   * @throws {@link ValidationError} when `amount` is not the order's total.
   */
  pay(amount: number): void {
    this.#requireAllowed('pay');
    if (amount !== this.totalAmount) {
      throw new ValidationError('amount', amount, `amount must equal the order total, ${this.totalAmount}`);
    }
    this.applyEvent(PaymentCompleted({ orderId: this.aggregateId, amount }));
  }

  /**
   * Records that the items are reserved.
   *
   * @throws {@link InvalidOrderStateError} unless the order is PAID.
   */
  reserveInventory(): void {
    this.#requireAllowed('reserveInventory');
    this.applyEvent(InventoryReserved({ orderId: this.aggregateId }));
  }

  /**
   * Confirms the order.
   *
   * @throws {@link InvalidOrderStateError} unless the order is INVENTORY_RESERVED.
   */
  confirm(): void {
    this.#requireAllowed('confirm');
    this.applyEvent(OrderConfirmed({ orderId: this.aggregateId }));
  }

  /**
   * Cancels the order for `reason`.
   *
   * @throws {@link InvalidOrderStateError} when the order is CONFIRMED or CANCELLED already.
   * @throws {@link ValidationError} for an empty reason.
   */
  cancel(reason: string): void {
    this.#requireAllowed('cancel');
    validateNotEmpty(reason, 'reason');
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

  protected whenPaymentCompleted(): void {
    this.status = 'PAID';
  }

  protected whenInventoryReserved(): void {
    this.status = 'INVENTORY_RESERVED';
  }

  protected whenOrderConfirmed(): void {
    this.status = 'CONFIRMED';
  }

  protected whenOrderCancelled(event: MessageOf<typeof OrderCancelled>): void {
    this.status = 'CANCELLED';
    this.cancellationReason = event.data.reason;
  }
}
