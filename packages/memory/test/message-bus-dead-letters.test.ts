import { type DeadLetter, FixedDelay, HandlerError, type NewDeadLetter, StoreUnavailableError } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { InMemoryDeadLetterQueue } from '../src/dead-letter/in-memory-dead-letter-queue';
import { BUSES, CreateOrder, OrderCreated } from './buses';
import { FakeClock } from './fake-clock';

/** A queue whose storage is down: every enqueue rejects. */
class UnavailableDeadLetterQueue extends InMemoryDeadLetterQueue {
  override async enqueue(_letter: NewDeadLetter): Promise<DeadLetter> {
    throw new StoreUnavailableError('The dead-letter store is down: retry later.');
  }
}

/** A handler that throws `error` on its first `failures` calls, then succeeds; `calls` counts every call. */
function flakyHandler(failures: number, error: unknown = new Error('temporarily down')) {
  const handler = { calls: 0, failures, error, handle: (): void => undefined };
  handler.handle = () => {
    handler.calls += 1;
    if (handler.calls <= handler.failures) throw handler.error;
  };
  return handler;
}

function setUp(createBus: (typeof BUSES)[number][1]) {
  const clock = new FakeClock();
  const deadLetterQueue = new InMemoryDeadLetterQueue({ clock });
  const bus = createBus({ retry: new FixedDelay({ maxRetries: 2, delayMs: 0 }), deadLetterQueue, clock });
  return { clock, deadLetterQueue, bus };
}

describe.each(BUSES)('%s retries and dead letters', (_name, createBus) => {
  it('retries a failing handler on the clock until it succeeds', async () => {
    const { clock, bus, deadLetterQueue } = setUp(createBus);
    const handler = flakyHandler(2);
    bus.subscribe(OrderCreated, handler.handle, { name: 'projection' });

    await bus.publish(OrderCreated({ orderId: 'order-1' }));

    expect(handler.calls).toBe(3);
    expect(clock.sleeps).toEqual([0, 0]);
    expect(await deadLetterQueue.count()).toBe(0);
  });

  it('dead-letters an event for the handler whose retries ran out, runs the others and resolves', async () => {
    const { clock, bus, deadLetterQueue } = setUp(createBus);
    const failing = flakyHandler(Number.POSITIVE_INFINITY, Object.assign(new Error('smtp down'), { code: 'SMTP' }));
    const later: string[] = [];
    bus.subscribe(OrderCreated, failing.handle, { name: 'mailer' });
    bus.subscribe(OrderCreated, () => later.push('projection'), { name: 'projection' });
    const event = OrderCreated({ orderId: 'order-1' });

    await bus.publish(event);

    expect(later).toEqual(['projection']);
    const letters = await deadLetterQueue.list();
    expect(letters).toEqual([
      {
        id: expect.any(String),
        message: event,
        handlerName: 'mailer',
        attempts: 3,
        error: { name: 'Error', message: 'smtp down', stack: expect.any(String), code: 'SMTP' },
        failedAt: clock.now().toISOString(),
      },
    ]);
    expect(letters[0]?.message).toBe(event);
  });

  it('dead-letters a failing command and still rejects its publish', async () => {
    const { bus, deadLetterQueue } = setUp(createBus);
    const failure = new Error('payment refused');
    bus.subscribe(CreateOrder, () => Promise.reject(failure), { name: 'create-order' });

    const publishing = bus.publish(CreateOrder({ orderId: 'order-1' }));

    await expect(publishing).rejects.toThrowError(HandlerError);
    await expect(publishing).rejects.toMatchObject({ handlerName: 'create-order', cause: failure });
    expect(await deadLetterQueue.count({ handlerName: 'create-order' })).toBe(1);
  });

  it('rejects with HandlerError after the retries when no queue is configured', async () => {
    const bus = createBus({ retry: new FixedDelay({ maxRetries: 2, delayMs: 0 }), clock: new FakeClock() });
    const failing = flakyHandler(Number.POSITIVE_INFINITY);
    bus.subscribe(OrderCreated, failing.handle, { name: 'projection' });

    await expect(bus.publish(OrderCreated({ orderId: 'order-1' }))).rejects.toThrowError(HandlerError);
    expect(failing.calls).toBe(3);
  });

  it('dead-letters without retrying when only a queue is configured', async () => {
    const deadLetterQueue = new InMemoryDeadLetterQueue();
    const bus = createBus({ deadLetterQueue });
    const failing = flakyHandler(Number.POSITIVE_INFINITY);
    bus.subscribe(OrderCreated, failing.handle, { name: 'projection' });

    await bus.publish(OrderCreated({ orderId: 'order-1' }));

    expect(failing.calls).toBe(1);
    expect(await deadLetterQueue.list()).toMatchObject([{ handlerName: 'projection', attempts: 1 }]);
  });

  it('rejects publish when the dead-letter queue cannot store the letter', async () => {
    const bus = createBus({
      retry: new FixedDelay({ maxRetries: 2, delayMs: 0 }),
      deadLetterQueue: new UnavailableDeadLetterQueue(),
      clock: new FakeClock(),
    });
    const failure = new Error('smtp down');
    bus.subscribe(OrderCreated, () => Promise.reject(failure), { name: 'mailer' });

    const publishing = bus.publish(OrderCreated({ orderId: 'order-1' }));

    await expect(publishing).rejects.toThrowError(HandlerError);
    await expect(publishing).rejects.toMatchObject({ handlerName: 'mailer', cause: failure });
  });

  it('records a thrown value that is not an Error as a NonError', async () => {
    const { bus, deadLetterQueue } = setUp(createBus);
    bus.subscribe(
      OrderCreated,
      () => {
        throw 'plain text';
      },
      { name: 'projection' },
    );

    await bus.publish(OrderCreated({ orderId: 'order-1' }));

    expect((await deadLetterQueue.list())[0]?.error).toEqual({ name: 'NonError', message: 'plain text' });
  });

  it('redrives a letter to its own handler only and removes it once that succeeds', async () => {
    const { bus, deadLetterQueue } = setUp(createBus);
    const mailer = flakyHandler(3);
    let projectionCalls = 0;
    bus.subscribe(OrderCreated, mailer.handle, { name: 'mailer' });
    bus.subscribe(OrderCreated, () => (projectionCalls += 1), { name: 'projection' });
    await bus.publish(OrderCreated({ orderId: 'order-1' }));

    const result = await deadLetterQueue.redrive(bus);

    expect(result).toEqual({ succeeded: 1, failed: 0 });
    expect(mailer.calls).toBe(4);
    expect(projectionCalls).toBe(1);
    expect(await deadLetterQueue.count()).toBe(0);
  });

  it('keeps a letter that fails its redrive with one more attempt, the new error and time', async () => {
    const { clock, bus, deadLetterQueue } = setUp(createBus);
    const mailer = flakyHandler(3, new Error('smtp down'));
    bus.subscribe(OrderCreated, mailer.handle, { name: 'mailer' });
    await bus.publish(OrderCreated({ orderId: 'order-1' }));
    const [letter] = await deadLetterQueue.list();
    mailer.failures = Number.POSITIVE_INFINITY;
    mailer.error = new TypeError('template missing');
    clock.advance(60_000);

    const result = await deadLetterQueue.redrive(bus);

    expect(result).toEqual({ succeeded: 0, failed: 1 });
    expect(await deadLetterQueue.list()).toEqual([
      {
        ...letter,
        attempts: 4,
        error: { name: 'TypeError', message: 'template missing', stack: expect.any(String) },
        failedAt: clock.now().toISOString(),
      },
    ]);
  });

  it('redrives in one attempt each, never dead-letters again, and counts every attempt', async () => {
    const { bus, deadLetterQueue } = setUp(createBus);
    const mailer = flakyHandler(Number.POSITIVE_INFINITY);
    bus.subscribe(OrderCreated, mailer.handle, { name: 'mailer' });
    await bus.publish(OrderCreated({ orderId: 'order-1' }));

    await deadLetterQueue.redrive(bus);
    await deadLetterQueue.redrive(bus);

    expect(await deadLetterQueue.list()).toMatchObject([{ handlerName: 'mailer', attempts: 5 }]);
    expect(mailer.calls).toBe(5);
  });
});
