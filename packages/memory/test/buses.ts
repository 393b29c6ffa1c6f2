import { defineCommand, defineEvent, type MessageBus, payload } from '@orchestrix/core';
import { InMemoryAsyncMessageBus } from '../src/message-bus/in-memory-async-message-bus';
import { InMemoryMessageBus, type InMemoryMessageBusOptions } from '../src/message-bus/in-memory-message-bus';

/** Both in-memory buses, for behaviours they share: `[name, create]`. */
export const BUSES: readonly [string, (options?: InMemoryMessageBusOptions) => MessageBus][] = [
  ['InMemoryMessageBus', (options) => new InMemoryMessageBus(options)],
  ['InMemoryAsyncMessageBus', (options) => new InMemoryAsyncMessageBus(options)],
];

/** A command the tests publish. */
export const CreateOrder = defineCommand('CreateOrder', payload<{ orderId: string }>());
/** An event the tests publish. */
export const OrderCreated = defineEvent('OrderCreated', payload<{ orderId: string }>());
/** A second event type, to check routing by type. */
export const OrderShipped = defineEvent('OrderShipped', payload<{ orderId: string }>());
