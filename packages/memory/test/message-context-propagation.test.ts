import type { Message } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { InMemoryAsyncMessageBus } from '../src/message-bus/in-memory-async-message-bus';
import { BUSES, CreateOrder, OrderCreated } from './buses';

describe.each(BUSES)('%s metadata propagation', (_name, createBus) => {
  it('gives messages created in a handler the correlation and causation of the handled message', async () => {
    const bus = createBus();
    const created: Message[] = [];
    bus.subscribe(CreateOrder, (command) => {
      created.push(OrderCreated({ orderId: command.data.orderId }));
    });
    const command = CreateOrder({ orderId: 'order-1' }, { correlationId: 'checkout-7' });

    await bus.publish(command);

    expect(created[0]).toMatchObject({ correlationId: 'checkout-7', causationId: command.id });
  });

  it('uses the handled message id as correlation when it has none', async () => {
    const bus = createBus();
    const created: Message[] = [];
    bus.subscribe(CreateOrder, (command) => {
      created.push(OrderCreated({ orderId: command.data.orderId }));
    });
    const command = CreateOrder({ orderId: 'order-1' });

    await bus.publish(command);

    expect(created[0]).toMatchObject({ correlationId: command.id, causationId: command.id });
  });

  it('keeps the context across awaits inside an asynchronous handler', async () => {
    const bus = createBus();
    const created: Message[] = [];
    bus.subscribe(CreateOrder, async (command) => {
      await new Promise((resolve) => setImmediate(resolve));
      created.push(OrderCreated({ orderId: command.data.orderId }));
    });
    const command = CreateOrder({ orderId: 'order-1' }, { traceId: '0af7651916cd43dd8448eb211c80319c' });

    await bus.publish(command);

    expect(created[0]).toMatchObject({ causationId: command.id, traceId: '0af7651916cd43dd8448eb211c80319c' });
  });

  it('lets messages published from a handler carry the chain on to their own handlers', async () => {
    const bus = createBus();
    const seen: Message[] = [];
    bus.subscribe(CreateOrder, (command) => bus.publish(OrderCreated({ orderId: command.data.orderId })));
    bus.subscribe(OrderCreated, (event) => {
      seen.push(event);
    });
    const command = CreateOrder({ orderId: 'order-1' }, { correlationId: 'checkout-7' });

    await bus.publish(command);

    expect(seen[0]).toMatchObject({ correlationId: 'checkout-7', causationId: command.id });
  });

  it('leaves messages created outside any handler without causation', async () => {
    const bus = createBus();
    bus.subscribe(CreateOrder, () => undefined);
    await bus.publish(CreateOrder({ orderId: 'order-1' }));

    const outside = OrderCreated({ orderId: 'order-2' });

    expect(outside.causationId).toBeUndefined();
  });
});

describe('InMemoryAsyncMessageBus context isolation', () => {
  it('never shares context between concurrent handlers of different messages', async () => {
    const bus = new InMemoryAsyncMessageBus();
    const causations = new Map<string, string | undefined>();
    bus.subscribe(CreateOrder, async (command) => {
      await new Promise((resolve) => setTimeout(resolve, command.data.orderId === 'order-1' ? 5 : 0));
      causations.set(command.id, OrderCreated({ orderId: command.data.orderId }).causationId);
    });
    const commands = [CreateOrder({ orderId: 'order-1' }), CreateOrder({ orderId: 'order-2' })];

    await Promise.all(commands.map((command) => bus.publish(command)));

    expect(commands.map((command) => causations.get(command.id))).toEqual(commands.map((command) => command.id));
  });
});
