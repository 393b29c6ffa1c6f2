import { HandlerError } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { InMemoryAsyncMessageBus } from '../src/message-bus/in-memory-async-message-bus';
import { OrderCreated } from './buses';
import { deferred } from './deferred';

describe('InMemoryAsyncMessageBus', () => {
  it('starts every handler before any of them finishes', async () => {
    const bus = new InMemoryAsyncMessageBus();
    const gate = deferred();
    const started: string[] = [];
    bus.subscribe(OrderCreated, async () => {
      started.push('first');
      await gate.promise;
    });
    bus.subscribe(OrderCreated, async () => {
      started.push('second');
      await gate.promise;
    });

    const publishing = bus.publish(OrderCreated({ orderId: 'order-1' }));
    await new Promise((resolve) => setImmediate(resolve));
    const startedBeforeGate = [...started];
    gate.resolve();
    await publishing;

    expect(startedBeforeGate).toEqual(['first', 'second']);
  });

  it('settles publish only after every handler has finished', async () => {
    const bus = new InMemoryAsyncMessageBus();
    const finished: string[] = [];
    bus.subscribe(OrderCreated, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      finished.push('slow');
    });
    bus.subscribe(OrderCreated, () => {
      finished.push('fast');
    });

    await bus.publish(OrderCreated({ orderId: 'order-1' }));

    expect(finished).toEqual(['fast', 'slow']);
  });

  it('rejects with one HandlerError listing every failure in subscription order', async () => {
    const bus = new InMemoryAsyncMessageBus();
    const rejected = new Error('projection broke');
    const thrown = new Error('mailer broke');
    bus.subscribe(OrderCreated, () => Promise.reject(rejected), { name: 'projection' });
    bus.subscribe(OrderCreated, () => undefined, { name: 'audit' });
    bus.subscribe(
      OrderCreated,
      () => {
        throw thrown;
      },
      { name: 'mailer' },
    );

    const publishing = bus.publish(OrderCreated({ orderId: 'order-1' }));

    await expect(publishing).rejects.toThrowError(HandlerError);
    await expect(publishing).rejects.toMatchObject({
      code: 'HANDLER',
      messageType: 'OrderCreated',
      handlerName: 'projection',
      cause: rejected,
      errors: [
        { handlerName: 'projection', error: rejected },
        { handlerName: 'mailer', error: thrown },
      ],
    });
  });

  it('runs the other handlers when one throws synchronously', async () => {
    const bus = new InMemoryAsyncMessageBus();
    const ran: string[] = [];
    bus.subscribe(OrderCreated, () => {
      throw new Error('boom');
    });
    bus.subscribe(OrderCreated, async () => {
      await Promise.resolve();
      ran.push('second');
    });

    await expect(bus.publish(OrderCreated({ orderId: 'order-1' }))).rejects.toThrowError(HandlerError);
    expect(ran).toEqual(['second']);
  });

  it('rejects with HandlerError when its only handler throws a value that is not an Error', async () => {
    const bus = new InMemoryAsyncMessageBus();
    bus.subscribe(OrderCreated, () => {
      throw 42;
    });

    await expect(bus.publish(OrderCreated({ orderId: 'order-1' }))).rejects.toMatchObject({
      code: 'HANDLER',
      errors: [{ handlerName: 'anonymous', error: 42 }],
    });
  });
});
