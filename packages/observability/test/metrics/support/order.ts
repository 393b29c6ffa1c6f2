import { AggregateRoot, defineCommand, defineEvent, type MessageOf, payload } from '@orchestrix/core';

/** Places an order: handled by the repository's `handle`. */
export const PlaceOrder = defineCommand('PlaceOrder', payload<{ orderId: string; totalAmount: number }>());
/** Ships an order. */
export const ShipOrder = defineCommand('ShipOrder', payload<{ orderId: string }>());
/** An order was placed. */
export const OrderPlaced = defineEvent('OrderPlaced', payload<{ orderId: string; totalAmount: number }>());
/** An order was shipped. */
export const OrderShipped = defineEvent('OrderShipped', payload<{ orderId: string }>());

/** A small order aggregate for the metrics tests. */
export class Order extends AggregateRoot {
  status = 'new';

  place(orderId: string, totalAmount: number): void {
    this.applyEvent(OrderPlaced({ orderId, totalAmount }));
  }

  ship(): void {
    if (this.status !== 'placed') throw new Error('only a placed order ships');
    this.applyEvent(OrderShipped({ orderId: this.aggregateId }));
  }

  protected whenOrderPlaced(event: MessageOf<typeof OrderPlaced>): void {
    this.aggregateId = event.data.orderId;
    this.status = 'placed';
  }

  protected whenOrderShipped(): void {
    this.status = 'shipped';
  }
}
