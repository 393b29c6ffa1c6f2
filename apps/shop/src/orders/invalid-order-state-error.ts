import { OrchestrixError } from '@orchestrix/core';
import type { OrderStatus } from './order-status';

/** What an order can be asked to do. */
export type OrderAction = 'place' | 'pay' | 'ship' | 'cancel';

/** An order was asked to do something its status does not allow (ship before pay, cancel once shipped). Nothing was written. */
export class InvalidOrderStateError extends OrchestrixError {
  readonly code = 'INVALID_ORDER_STATE';
  readonly orderId: string;
  /** The order's status when the action was refused. */
  readonly status: OrderStatus;
  /** What was asked. */
  readonly action: OrderAction;

  constructor(orderId: string, status: OrderStatus, action: OrderAction) {
    super(
      `Order "${orderId}" is ${status}, so it cannot ${action}: read the order's status before sending the command.`,
    );
    this.orderId = orderId;
    this.status = status;
    this.action = action;
  }
}
