import { AggregateRoot, type MessageOf } from '@orchestrix/core';
import { OrderPlaced } from './messages';

/** A small order aggregate for the instrument tests. */
export class Order extends AggregateRoot {
  status = 'new';

  place(orderId: string): void {
    this.applyEvent(OrderPlaced({ orderId }));
  }

  protected whenOrderPlaced(event: MessageOf<typeof OrderPlaced>): void {
    this.aggregateId = event.data.orderId;
    this.status = 'placed';
  }
}
