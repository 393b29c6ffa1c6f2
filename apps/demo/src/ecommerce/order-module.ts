import {
  AggregateRepository,
  type EventStore,
  type MessageBus,
  type Module,
  type ObservabilityHooks,
} from '@orchestrix/core';
import { CancelOrder } from './messages/cancel-order';
import { ConfirmOrder } from './messages/confirm-order';
import { PayOrder } from './messages/pay-order';
import { PlaceOrder } from './messages/place-order';
import { ReserveInventory } from './messages/reserve-inventory';
import { Order } from './order';

/**
 * The orders context: one handler per order command, each a `repository.handle` call (load, decide,
 * save, publish the stored events on the same bus). Events created inside inherit the command's
 * correlation id, and the command's id as their causation id.
 *
 * @example await registerModules(bus, store, [new OrderModule(), new OrderProcessManager({ stock })]);
 */
export class OrderModule implements Module {
  readonly #hooks: ObservabilityHooks;

  /** @param hooks - The repository's metrics and tracer (`aggregateLoaded`, `commandHandled`, its spans); none unless given. */
  constructor(hooks: ObservabilityHooks = {}) {
    this.#hooks = hooks;
  }

  /** Subscribes the five command handlers on `bus`, storing orders in `store`. */
  register(bus: MessageBus, store: EventStore): void {
    const repository = new AggregateRepository({ eventStore: store, bus, ...this.#hooks });

    bus.subscribe(
      PlaceOrder,
      (command) => {
        const { orderId, customerId, items } = command.data;
        return repository.handle(Order, orderId, (order) => order.place(orderId, customerId, items), { create: true });
      },
      { name: 'placeOrder' },
    );
    bus.subscribe(
      PayOrder,
      (command) => repository.handle(Order, command.data.orderId, (order) => order.pay(command.data.amount)),
      { name: 'payOrder' },
    );
    bus.subscribe(
      ReserveInventory,
      (command) => repository.handle(Order, command.data.orderId, (order) => order.reserveInventory()),
      { name: 'reserveInventory' },
    );
    bus.subscribe(
      ConfirmOrder,
      (command) => repository.handle(Order, command.data.orderId, (order) => order.confirm()),
      { name: 'confirmOrder' },
    );
    bus.subscribe(
      CancelOrder,
      (command) => repository.handle(Order, command.data.orderId, (order) => order.cancel(command.data.reason)),
      { name: 'cancelOrder' },
    );
  }
}
