import { defineCommand, defineEvent, payload } from '@orchestrix/core';

/** The command the MessageBus contract publishes. */
export const PlaceOrder = defineCommand('PlaceOrder', payload<{ orderId: string }>());

/** A second command type, with no handler unless a test subscribes one. */
export const CancelOrder = defineCommand('CancelOrder', payload<{ orderId: string }>());

/** The event the MessageBus contract publishes. */
export const OrderPlaced = defineEvent('OrderPlaced', payload<{ orderId: string }>());

/** A second event type, to check routing by type. */
export const OrderShipped = defineEvent('OrderShipped', payload<{ orderId: string }>());

/** The error the contract's failing handlers throw. */
export class HandlerBrokeError extends Error {
  constructor() {
    super('the contract handler failed on purpose');
    this.name = 'HandlerBrokeError';
  }
}

/** Lets other promise continuations run, as a handler doing I/O would. */
export async function yieldTurns(turns = 3): Promise<void> {
  for (let turn = 0; turn < turns; turn += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}
