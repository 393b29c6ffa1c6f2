// The order of the cross-process trace test: one command, one event.
import { AggregateRoot, defineCommand, defineEvent, payload } from '@orchestrix/core';

/** Asks to place an order. */
export const PlaceOrder = defineCommand('PlaceOrder', payload<{ orderId: string }>());
/** An order was placed. */
export const OrderPlaced = defineEvent('OrderPlaced', payload<{ orderId: string }>());

/** An order that can only be placed. */
export class Order extends AggregateRoot {
  place(orderId: string): void {
    this.applyEvent(OrderPlaced({ orderId }));
  }

  protected whenOrderPlaced(): void {
    // Nothing to remember.
  }
}
