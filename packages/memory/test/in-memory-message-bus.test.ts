import { HandlerError } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { InMemoryMessageBus } from '../src/message-bus/in-memory-message-bus';
import { CreateOrder, OrderCreated } from './buses';
import { deferred } from './deferred';

describe('InMemoryMessageBus', () => {
  it('runs handlers one after another in subscription order', async () => {
    const bus = new InMemoryMessageBus();
    const calls: string[] = [];
    bus.subscribe(OrderCreated, async () => {
      calls.push('first started');
      await Promise.resolve();
      calls.push('first finished');
    });
    bus.subscribe(OrderCreated, () => {
      calls.push('second');
    });

    await bus.publish(OrderCreated({ orderId: 'order-1' }));

    expect(calls).toEqual(['first started', 'first finished', 'second']);
  });

  it('awaits each handler before it starts the next one', async () => {
    const bus = new InMemoryMessageBus();
    const gate = deferred();
    let secondStarted = false;
    bus.subscribe(OrderCreated, () => gate.promise);
    bus.subscribe(OrderCreated, () => {
      secondStarted = true;
    });

    const publishing = bus.publish(OrderCreated({ orderId: 'order-1' }));
    await new Promise((resolve) => setImmediate(resolve));
    const startedBeforeGate = secondStarted;
    gate.resolve();
    await publishing;

    expect(startedBeforeGate).toBe(false);
    expect(secondStarted).toBe(true);
  });

  it('settles publish only after an asynchronous handler has finished', async () => {
    const bus = new InMemoryMessageBus();
    let finished = false;
    bus.subscribe(CreateOrder, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      finished = true;
    });

    await bus.publish(CreateOrder({ orderId: 'order-1' }));

    expect(finished).toBe(true);
  });

  it('stops at the first failing handler and rejects with HandlerError naming it', async () => {
    const bus = new InMemoryMessageBus();
    const failure = new Error('projection broke');
    const calls: string[] = [];
    bus.subscribe(OrderCreated, () => calls.push('first'), { name: 'first' });
    bus.subscribe(OrderCreated, () => Promise.reject(failure), { name: 'projection' });
    bus.subscribe(OrderCreated, () => calls.push('third'), { name: 'third' });

    const publishing = bus.publish(OrderCreated({ orderId: 'order-1' }));

    await expect(publishing).rejects.toThrowError(HandlerError);
    await expect(publishing).rejects.toMatchObject({
      code: 'HANDLER',
      messageType: 'OrderCreated',
      handlerName: 'projection',
      cause: failure,
      errors: [{ handlerName: 'projection', error: failure }],
    });
    expect(calls).toEqual(['first']);
  });

  it('treats a synchronous throw like a rejection', async () => {
    const bus = new InMemoryMessageBus();
    const failure = new Error('invalid order');
    bus.subscribe(
      CreateOrder,
      () => {
        throw failure;
      },
      { name: 'create-order' },
    );

    await expect(bus.publish(CreateOrder({ orderId: 'order-1' }))).rejects.toMatchObject({
      code: 'HANDLER',
      handlerName: 'create-order',
      cause: failure,
    });
  });

  it('reports a thrown value that is not an Error as the cause', async () => {
    const bus = new InMemoryMessageBus();
    bus.subscribe(OrderCreated, () => {
      throw 'plain text';
    });

    await expect(bus.publish(OrderCreated({ orderId: 'order-1' }))).rejects.toMatchObject({
      code: 'HANDLER',
      errors: [{ handlerName: 'anonymous', error: 'plain text' }],
    });
  });

  it('delivers to the handlers subscribed when publish started, even if one unsubscribes another', async () => {
    const bus = new InMemoryMessageBus();
    const calls: string[] = [];
    let unsubscribeSecond = (): void => undefined;
    bus.subscribe(OrderCreated, () => {
      calls.push('first');
      unsubscribeSecond();
    });
    unsubscribeSecond = bus.subscribe(OrderCreated, () => {
      calls.push('second');
    });

    await bus.publish(OrderCreated({ orderId: 'order-1' }));
    await bus.publish(OrderCreated({ orderId: 'order-2' }));

    expect(calls).toEqual(['first', 'second', 'first']);
  });
});
