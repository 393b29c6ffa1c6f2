import {
  type Message,
  type NewDeadLetter,
  NoHandlerError,
  type RedriveTarget,
  ValidationError,
} from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { InMemoryDeadLetterQueue } from '../src/dead-letter/in-memory-dead-letter-queue';
import { CreateOrder, OrderCreated, OrderShipped } from './buses';
import { FakeClock } from './fake-clock';

function letterFor(message: Message, handlerName = 'projection'): NewDeadLetter {
  return {
    message,
    handlerName,
    attempts: 3,
    error: { name: 'Error', message: 'boom' },
    failedAt: '2024-05-01T11:00:00.000Z',
  };
}

/** A redrive target that records deliveries and fails those to the handlers in `failing`. */
function recordingTarget(failing: readonly string[] = []): RedriveTarget & { delivered: string[] } {
  const delivered: string[] = [];
  return {
    delivered,
    async deliverTo(handlerName: string, message: Message): Promise<void> {
      delivered.push(`${handlerName}:${message.type}`);
      if (failing.includes(handlerName)) throw new RangeError(`${handlerName} still failing`);
    },
  };
}

describe('InMemoryDeadLetterQueue', () => {
  it('assigns each letter its own id and returns it frozen, keeping the message as given', async () => {
    const queue = new InMemoryDeadLetterQueue();
    const message = OrderCreated({ orderId: 'order-1' });

    const first = await queue.enqueue(letterFor(message, 'projection'));
    const second = await queue.enqueue(letterFor(message, 'mailer'));

    expect(first.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second.id).not.toBe(first.id);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.error)).toBe(true);
    expect(first.message).toBe(message);
    expect(await queue.get(first.id)).toEqual(first);
  });

  it('keeps only the known fields of the error, as plain data', async () => {
    const queue = new InMemoryDeadLetterQueue();
    const error = Object.assign(new Error('boom'), { code: 'E_BOOM', secret: 'hidden' });

    const letter = await queue.enqueue({ ...letterFor(OrderCreated({ orderId: 'order-1' })), error });

    expect(letter.error).toEqual({ name: 'Error', message: 'boom', stack: expect.any(String), code: 'E_BOOM' });
    expect(letter.error).not.toBeInstanceOf(Error);
  });

  it('lists letters oldest first, filtered by handler or message type, up to a limit', async () => {
    const queue = new InMemoryDeadLetterQueue();
    const created = OrderCreated({ orderId: 'order-1' });
    const shipped = OrderShipped({ orderId: 'order-1' });
    await queue.enqueue(letterFor(created, 'projection'));
    await queue.enqueue(letterFor(shipped, 'projection'));
    await queue.enqueue(letterFor(created, 'mailer'));

    const all = await queue.list();
    const projection = await queue.list({ handlerName: 'projection' });
    const createdOnly = await queue.list({ messageType: 'OrderCreated' });
    const firstTwo = await queue.list({ limit: 2 });

    expect(all.map((letter) => `${letter.handlerName}:${letter.message.type}`)).toEqual([
      'projection:OrderCreated',
      'projection:OrderShipped',
      'mailer:OrderCreated',
    ]);
    expect(projection.map((letter) => letter.message.type)).toEqual(['OrderCreated', 'OrderShipped']);
    expect(createdOnly.map((letter) => letter.handlerName)).toEqual(['projection', 'mailer']);
    expect(firstTwo).toEqual(all.slice(0, 2));
  });

  it('counts letters, filtered by handler or message type', async () => {
    const queue = new InMemoryDeadLetterQueue();
    await queue.enqueue(letterFor(OrderCreated({ orderId: 'order-1' }), 'projection'));
    await queue.enqueue(letterFor(OrderShipped({ orderId: 'order-1' }), 'mailer'));

    expect(await queue.count()).toBe(2);
    expect(await queue.count({ handlerName: 'mailer' })).toBe(1);
    expect(await queue.count({ messageType: 'OrderCreated', handlerName: 'mailer' })).toBe(0);
  });

  it('removes one letter, telling whether it existed, and clears them all', async () => {
    const queue = new InMemoryDeadLetterQueue();
    const letter = await queue.enqueue(letterFor(OrderCreated({ orderId: 'order-1' })));
    await queue.enqueue(letterFor(OrderCreated({ orderId: 'order-2' })));

    expect(await queue.remove(letter.id)).toBe(true);
    expect(await queue.remove(letter.id)).toBe(false);
    expect(await queue.get(letter.id)).toBeUndefined();
    await queue.clear();
    expect(await queue.count()).toBe(0);
  });

  it('redrives each letter to its own handler, removes the successes and counts the failures', async () => {
    const clock = new FakeClock();
    const queue = new InMemoryDeadLetterQueue({ clock });
    const message = OrderCreated({ orderId: 'order-1' });
    await queue.enqueue(letterFor(message, 'projection'));
    const failing = await queue.enqueue(letterFor(message, 'mailer'));
    const target = recordingTarget(['mailer']);

    const result = await queue.redrive(target);

    expect(result).toEqual({ succeeded: 1, failed: 1 });
    expect(target.delivered).toEqual(['projection:OrderCreated', 'mailer:OrderCreated']);
    expect(await queue.list()).toEqual([
      {
        ...failing,
        attempts: 4,
        error: { name: 'RangeError', message: 'mailer still failing', stack: expect.any(String) },
        failedAt: clock.now().toISOString(),
      },
    ]);
  });

  it('redrives only the letters of the filter', async () => {
    const queue = new InMemoryDeadLetterQueue();
    await queue.enqueue(letterFor(OrderCreated({ orderId: 'order-1' }), 'projection'));
    await queue.enqueue(letterFor(CreateOrder({ orderId: 'order-1' }), 'create-order'));
    const target = recordingTarget();

    const result = await queue.redrive(target, { messageType: 'CreateOrder' });

    expect(result).toEqual({ succeeded: 1, failed: 0 });
    expect(target.delivered).toEqual(['create-order:CreateOrder']);
    expect(await queue.count()).toBe(1);
  });

  it('keeps a letter whose handler is no longer subscribed, recording NoHandlerError', async () => {
    const queue = new InMemoryDeadLetterQueue();
    await queue.enqueue(letterFor(OrderCreated({ orderId: 'order-1' }), 'retired'));
    const target: RedriveTarget = {
      deliverTo: async (_handlerName, message) => {
        throw new NoHandlerError(message.type);
      },
    };

    await queue.redrive(target);

    expect(await queue.list()).toMatchObject([{ attempts: 4, error: { name: 'NoHandlerError', code: 'NO_HANDLER' } }]);
  });

  it('rejects a letter without a handler name, with attempts below 1 or without a time', async () => {
    const queue = new InMemoryDeadLetterQueue();
    const letter = letterFor(OrderCreated({ orderId: 'order-1' }));

    await expect(queue.enqueue({ ...letter, handlerName: '' })).rejects.toThrowError(ValidationError);
    await expect(queue.enqueue({ ...letter, attempts: 0 })).rejects.toMatchObject({ field: 'attempts' });
    await expect(queue.enqueue({ ...letter, failedAt: 'yesterday' })).rejects.toMatchObject({ field: 'failedAt' });
    expect(await queue.count()).toBe(0);
  });
});
