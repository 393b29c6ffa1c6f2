import type { MessageBus, Module } from '@orchestrix/core';
import { CancelOrder } from './messages/cancel-order';
import { ConfirmOrder } from './messages/confirm-order';
import { InventoryReserved } from './messages/inventory-reserved';
import { OrderPlaced } from './messages/order-placed';
import { PayOrder } from './messages/pay-order';
import { PaymentCompleted } from './messages/payment-completed';
import { ReserveInventory } from './messages/reserve-inventory';

/** Options of {@link OrderProcessManager}. */
export interface OrderProcessManagerOptions {
  /** Units on hand per product id; a product that is not listed is out of stock. */
  readonly stock: ReadonlyMap<string, number>;
}

/**
 * Drives an order from event to command, with no state of its own: OrderPlaced → PayOrder (or
 * CancelOrder when an item is out of stock), PaymentCompleted → ReserveInventory, InventoryReserved →
 * ConfirmOrder. Its commands are created inside the event's handler, so they inherit the event's
 * correlation id and take the event's id as their causation id.
 *
 * @example await registerModules(bus, store, [new OrderModule(), new OrderProcessManager({ stock })]);
 */
export class OrderProcessManager implements Module {
  readonly #stock: ReadonlyMap<string, number>;

  constructor(options: OrderProcessManagerOptions) {
    this.#stock = options.stock;
  }

  /** Subscribes the three event handlers on `bus`. */
  register(bus: MessageBus): void {
    bus.subscribe(
      OrderPlaced,
      (event) => {
        const { orderId, items, totalAmount } = event.data;
        const missing = items.filter((item) => (this.#stock.get(item.productId) ?? 0) < item.quantity);
        if (missing.length > 0) {
          const reason = `out of stock: ${missing.map((item) => item.productId).join(', ')}`;
          return bus.publish(CancelOrder({ orderId, reason }));
        }
        return bus.publish(PayOrder({ orderId, amount: totalAmount }));
      },
      { name: 'orderProcessManager.onOrderPlaced' },
    );
    bus.subscribe(PaymentCompleted, (event) => bus.publish(ReserveInventory({ orderId: event.data.orderId })), {
      name: 'orderProcessManager.onPaymentCompleted',
    });
    bus.subscribe(InventoryReserved, (event) => bus.publish(ConfirmOrder({ orderId: event.data.orderId })), {
      name: 'orderProcessManager.onInventoryReserved',
    });
  }
}
