import { OrchestrixError } from '@orchestrix/core';
import type { OrderStatus } from './order-status';

/** An order was asked to do something its status does not allow. Nothing was written. */
export class InvalidOrderStateError extends OrchestrixError {
  readonly code = 'INVALID_ORDER_STATE';
  readonly orderId: string;
  /** The order's status when the action was refused. */
  readonly status: OrderStatus;
  /** What was asked: `place`, `pay`, `reserveInventory`, `confirm` or `cancel`. */
  readonly action: string;

  constructor(orderId: string, status: OrderStatus, action: string) {
    super(`Order "${orderId}" is ${status}, so it cannot ${action}: check its status before sending the command.`);
    this.orderId = orderId;
    this.status = status;
    this.action = action;
  }
}
