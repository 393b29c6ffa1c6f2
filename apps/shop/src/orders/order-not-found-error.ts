import { OrchestrixError } from '@orchestrix/core';

/** No order has this id: no events when a command loads it, no row when a query reads it. */
export class OrderNotFoundError extends OrchestrixError {
  readonly code = 'ORDER_NOT_FOUND';
  readonly orderId: string;

  constructor(orderId: string, options: { cause?: unknown } = {}) {
    super(`Order "${orderId}" does not exist: check the id, as POST /orders returned it.`, options);
    this.orderId = orderId;
  }
}
