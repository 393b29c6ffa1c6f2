import { AggregateRoot, defineCommand, defineEvent, type MessageOf, payload } from '@orchestrix/core';

export const PlaceOrder = defineCommand('PlaceOrder', payload<{ orderId: string; totalAmount: number }>());
export const OrderPlaced = defineEvent('OrderPlaced', payload<{ orderId: string; totalAmount: number }>());

/** A one-event order aggregate for the tracing tests. */
export class Order extends AggregateRoot {
  totalAmount = 0;

  place(orderId: string, totalAmount: number): void {
    this.applyEvent(OrderPlaced({ orderId, totalAmount }));
  }

  protected whenOrderPlaced(event: MessageOf<typeof OrderPlaced>): void {
    this.aggregateId = event.data.orderId;
    this.totalAmount = event.data.totalAmount;
  }
}
