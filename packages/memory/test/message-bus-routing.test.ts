import { DuplicateHandlerError, HandlerError, type Message, NoHandlerError, ValidationError } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { BUSES, CreateOrder, OrderCreated, OrderShipped } from './buses';

async function handlerNameOf(publishing: Promise<void>): Promise<string | undefined> {
  const error: unknown = await publishing.catch((reason: unknown) => reason);
  return error instanceof HandlerError ? error.handlerName : undefined;
}

describe.each(BUSES)('%s routing', (_name, createBus) => {
  it('delivers a message only to the handlers of its type', async () => {
    const bus = createBus();
    const created: Message[] = [];
    const shipped: Message[] = [];
    bus.subscribe(OrderCreated, (event) => created.push(event));
    bus.subscribe(OrderShipped, (event) => shipped.push(event));
    const event = OrderCreated({ orderId: 'order-1' });

    await bus.publish(event);

    expect(created).toEqual([event]);
    expect(shipped).toEqual([]);
  });

  it('routes by type name for a handler subscribed with a string', async () => {
    const bus = createBus();
    const received: Message[] = [];
    bus.subscribe('OrderCreated', (event) => received.push(event));

    await bus.publish(OrderCreated({ orderId: 'order-1' }));

    expect(received.map((event) => event.type)).toEqual(['OrderCreated']);
  });

  it('calls the handle method of an object handler with the object as this', async () => {
    const bus = createBus();
    class OrderProjection {
      readonly orderIds: string[] = [];
      handle(event: ReturnType<typeof OrderCreated>): void {
        this.orderIds.push(event.data.orderId);
      }
    }
    const projection = new OrderProjection();
    bus.subscribe(OrderCreated, projection);

    await bus.publish(OrderCreated({ orderId: 'order-1' }));

    expect(projection.orderIds).toEqual(['order-1']);
  });

  it('resolves when an event has no handler', async () => {
    const bus = createBus();

    await expect(bus.publish(OrderCreated({ orderId: 'order-1' }))).resolves.toBeUndefined();
  });

  it('rejects a command without a handler with NoHandlerError', async () => {
    const bus = createBus();

    const publishing = bus.publish(CreateOrder({ orderId: 'order-1' }));

    await expect(publishing).rejects.toThrowError(NoHandlerError);
    await expect(publishing).rejects.toMatchObject({ code: 'NO_HANDLER', messageType: 'CreateOrder' });
  });

  it('refuses a second handler for a command type with DuplicateHandlerError', () => {
    const bus = createBus();
    bus.subscribe(CreateOrder, () => undefined, { name: 'first' });

    expect(() => bus.subscribe(CreateOrder, () => undefined, { name: 'second' })).toThrowError(
      expect.objectContaining({ code: 'DUPLICATE_HANDLER', messageType: 'CreateOrder', handlerName: 'second' }),
    );
  });

  it('refuses a command published to a type that was given two handlers by name', async () => {
    const bus = createBus();
    let calls = 0;
    bus.subscribe('CreateOrder', () => (calls += 1), { name: 'first' });
    bus.subscribe('CreateOrder', () => (calls += 1), { name: 'second' });

    await expect(bus.publish(CreateOrder({ orderId: 'order-1' }))).rejects.toThrowError(DuplicateHandlerError);
    expect(calls).toBe(0);
  });

  it('accepts a new command handler once the previous one unsubscribed', async () => {
    const bus = createBus();
    const unsubscribe = bus.subscribe(CreateOrder, () => undefined);
    unsubscribe();
    const received: Message[] = [];
    bus.subscribe(CreateOrder, (command) => received.push(command));

    await bus.publish(CreateOrder({ orderId: 'order-1' }));

    expect(received).toHaveLength(1);
  });

  it('stops delivering to an unsubscribed handler and ignores a second unsubscribe', async () => {
    const bus = createBus();
    const received: string[] = [];
    const unsubscribe = bus.subscribe(OrderCreated, () => received.push('removed'));
    bus.subscribe(OrderCreated, () => received.push('kept'));

    unsubscribe();
    unsubscribe();
    await bus.publish(OrderCreated({ orderId: 'order-1' }));

    expect(received).toEqual(['kept']);
  });

  it('delivers once per subscription when one function is subscribed twice', async () => {
    const bus = createBus();
    let calls = 0;
    const count = (): void => {
      calls += 1;
    };
    bus.subscribe(OrderCreated, count, { name: 'count-a' });
    bus.subscribe(OrderCreated, count, { name: 'count-b' });

    await bus.publish(OrderCreated({ orderId: 'order-1' }));

    expect(calls).toBe(2);
  });

  it('names a handler by its given name, then its function name, then its class name, else anonymous', async () => {
    const bus = createBus();
    class PaymentHandler {
      handle(): void {
        throw new Error('boom');
      }
    }
    function reserveStock(): void {
      throw new Error('boom');
    }
    bus.subscribe('Named', () => Promise.reject(new Error('boom')), { name: 'send-confirmation' });
    bus.subscribe('Function', reserveStock);
    bus.subscribe('Class', new PaymentHandler());
    bus.subscribe('Anonymous', {
      handle: () => {
        throw new Error('boom');
      },
    });
    const publish = (type: string) => bus.publish({ ...OrderCreated({ orderId: 'order-1' }), type });

    const names = await Promise.all(
      ['Named', 'Function', 'Class', 'Anonymous'].map((type) => handlerNameOf(publish(type))),
    );

    expect(names).toEqual(['send-confirmation', 'reserveStock', 'PaymentHandler', 'anonymous']);
  });

  it('rejects a handler that is neither a function nor an object with handle', () => {
    const bus = createBus();
    const handler = JSON.parse('{"handle": "not a function"}') as { handle(): void };

    expect(() => bus.subscribe(OrderCreated, handler)).toThrowError(ValidationError);
  });

  it('delivers to the named handler only with deliverTo', async () => {
    const bus = createBus();
    const received: string[] = [];
    bus.subscribe(OrderCreated, () => received.push('projection'), { name: 'projection' });
    bus.subscribe(OrderCreated, () => received.push('mailer'), { name: 'mailer' });

    await bus.deliverTo('mailer', OrderCreated({ orderId: 'order-1' }));

    expect(received).toEqual(['mailer']);
  });

  it('rejects deliverTo with NoHandlerError when the type has no handler of that name', async () => {
    const bus = createBus();
    bus.subscribe(OrderCreated, () => undefined, { name: 'projection' });

    await expect(bus.deliverTo('mailer', OrderCreated({ orderId: 'order-1' }))).rejects.toThrowError(NoHandlerError);
  });

  it('rejects deliverTo with HandlerError naming the handler when it fails', async () => {
    const bus = createBus();
    const failure = new Error('smtp down');
    bus.subscribe(
      OrderCreated,
      () => {
        throw failure;
      },
      { name: 'mailer' },
    );

    const delivering = bus.deliverTo('mailer', OrderCreated({ orderId: 'order-1' }));

    await expect(delivering).rejects.toThrowError(HandlerError);
    await expect(delivering).rejects.toMatchObject({
      handlerName: 'mailer',
      messageType: 'OrderCreated',
      cause: failure,
    });
  });
});
