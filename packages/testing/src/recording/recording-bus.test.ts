import { defineCommand, defineEvent, NoHandlerError, payload } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { RecordingBus } from './recording-bus';

const ShipOrder = defineCommand('ShipOrder', payload<{ orderId: string }>());
const OrderShipped = defineEvent('OrderShipped', payload<{ orderId: string }>());

describe('RecordingBus', () => {
  it('records every published message in publish order', async () => {
    const bus = new RecordingBus();
    const first = OrderShipped({ orderId: 'order-1' });
    const second = OrderShipped({ orderId: 'order-2' });

    await bus.publish(first);
    await bus.publish(second);

    expect(bus.published).toEqual([first, second]);
  });

  it('returns the published messages of one type, by factory or by name', async () => {
    const bus = new RecordingBus();
    bus.subscribe(ShipOrder, () => undefined);
    const shipped = OrderShipped({ orderId: 'order-1' });
    await bus.publish(ShipOrder({ orderId: 'order-1' }));
    await bus.publish(shipped);

    expect(bus.ofType(OrderShipped)).toEqual([shipped]);
    expect(bus.ofType(OrderShipped)[0]?.data.orderId).toBe('order-1');
    expect(bus.ofType('OrderShipped')).toEqual([shipped]);
  });

  it('forgets the recorded messages on clear and keeps the subscriptions', async () => {
    const bus = new RecordingBus();
    const handled: string[] = [];
    bus.subscribe(OrderShipped, (event) => handled.push(event.data.orderId));
    await bus.publish(OrderShipped({ orderId: 'order-1' }));

    bus.clear();
    await bus.publish(OrderShipped({ orderId: 'order-2' }));

    expect(bus.published.map((message) => message.data)).toEqual([{ orderId: 'order-2' }]);
    expect(handled).toEqual(['order-1', 'order-2']);
  });

  it('hands out a frozen copy of what it recorded', async () => {
    const bus = new RecordingBus();
    await bus.publish(OrderShipped({ orderId: 'order-1' }));

    const published = bus.published;
    await bus.publish(OrderShipped({ orderId: 'order-2' }));

    expect(Object.isFrozen(published)).toBe(true);
    expect(published).toHaveLength(1);
  });

  it('only records when built with deliver false, so a command needs no handler', async () => {
    const bus = new RecordingBus({ deliver: false });
    const handled: string[] = [];
    bus.subscribe(OrderShipped, (event) => handled.push(event.data.orderId));

    await bus.publish(ShipOrder({ orderId: 'order-1' }));
    await bus.publish(OrderShipped({ orderId: 'order-1' }));

    expect(bus.published).toHaveLength(2);
    expect(handled).toEqual([]);
  });

  it('rejects a command with no handler with NoHandlerError, still recording it', async () => {
    const bus = new RecordingBus();

    await expect(bus.publish(ShipOrder({ orderId: 'order-1' }))).rejects.toBeInstanceOf(NoHandlerError);

    expect(bus.ofType(ShipOrder)).toHaveLength(1);
  });

  it('does not record messages delivered with deliverTo', async () => {
    const bus = new RecordingBus();
    bus.subscribe(OrderShipped, () => undefined, { name: 'audit' });

    await bus.deliverTo('audit', OrderShipped({ orderId: 'order-1' }));

    expect(bus.published).toEqual([]);
  });
});
