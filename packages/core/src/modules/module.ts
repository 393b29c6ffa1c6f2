import type { EventStore } from '../event-store/event-store';
import type { MessageBus } from '../message-bus/message-bus';

/**
 * A bounded context: registers its command and event handlers on a bus, using a store. One module per
 * context (orders, payments, shipping).
 *
 * @example
 * const orders: Module = { register(bus, store) { bus.subscribe(PlaceOrder, placeOrderHandler(store)); } };
 */
export interface Module {
  register(bus: MessageBus, store: EventStore): void | Promise<void>;
}

/** Registers every module on `bus` with `store`, in order. */
export async function registerModules(bus: MessageBus, store: EventStore, modules: readonly Module[]): Promise<void> {
  for (const module of modules) await module.register(bus, store);
}
