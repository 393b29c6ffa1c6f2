import { defineCommand, defineEvent, payload } from '@orchestrix/core';

/** The command the instrument tests publish. */
export const PlaceOrder = defineCommand('PlaceOrder', payload<{ orderId: string }>());

/** The event the instrument tests publish and store. */
export const OrderPlaced = defineEvent('OrderPlaced', payload<{ orderId: string }>());

/** The traceparent of a span outside Orchestrix, e.g. an HTTP request's. */
export const HTTP_REQUEST = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

/** The error the tests' failing handlers throw. */
export class HandlerBrokeError extends Error {
  constructor() {
    super('the handler failed on purpose');
    this.name = 'HandlerBrokeError';
  }
}
