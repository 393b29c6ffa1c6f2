import type { Message, MessageBus } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { OrderPlaced, OrderShipped, yieldTurns } from './contract-messages';

/** Registers the tests of routing by type, subscription order, unsubscribing and handler objects. */
export function describeRouting(bus: () => MessageBus): void {
  describe('routing', () => {
    it('delivers an event only to the handlers of its type', async () => {
      const placed: string[] = [];
      const shipped: string[] = [];
      bus().subscribe(OrderPlaced, (event) => placed.push(event.data.orderId));
      bus().subscribe(OrderShipped, (event) => shipped.push(event.data.orderId));

      await bus().publish(OrderPlaced({ orderId: 'order-1' }));

      expect(placed).toEqual(['order-1']);
      expect(shipped).toEqual([]);
    });

    it('routes a subscription by type name like one by factory', async () => {
      const received: Message[] = [];
      bus().subscribe('OrderPlaced', (event) => received.push(event));
      const event = OrderPlaced({ orderId: 'order-1' });

      await bus().publish(event);

      expect(received).toEqual([event]);
    });

    it('resolves when an event has no handlers', async () => {
      await expect(bus().publish(OrderPlaced({ orderId: 'order-1' }))).resolves.toBeUndefined();
    });

    it('calls every handler of an event, in subscription order', async () => {
      const calls: string[] = [];
      for (const handlerName of ['first', 'second', 'third']) {
        bus().subscribe(OrderPlaced, () => calls.push(handlerName), { name: handlerName });
      }

      await bus().publish(OrderPlaced({ orderId: 'order-1' }));

      expect(calls).toEqual(['first', 'second', 'third']);
    });

    it('settles publish only after every asynchronous handler finished', async () => {
      const finished: string[] = [];
      for (const handlerName of ['first', 'second']) {
        bus().subscribe(
          OrderPlaced,
          async () => {
            await yieldTurns();
            finished.push(handlerName);
          },
          { name: handlerName },
        );
      }

      await bus().publish(OrderPlaced({ orderId: 'order-1' }));

      expect([...finished].sort()).toEqual(['first', 'second']);
    });

    it('stops delivering to a handler once unsubscribed', async () => {
      const calls: string[] = [];
      const unsubscribe = bus().subscribe(OrderPlaced, (event) => calls.push(event.data.orderId));
      await bus().publish(OrderPlaced({ orderId: 'order-1' }));

      unsubscribe();
      await bus().publish(OrderPlaced({ orderId: 'order-2' }));

      expect(calls).toEqual(['order-1']);
    });

    it('calls a handler object through its handle method', async () => {
      const received: string[] = [];
      class ShippingPolicy {
        handle(event: Message): void {
          received.push(event.type);
        }
      }
      bus().subscribe(OrderPlaced, new ShippingPolicy());

      await bus().publish(OrderPlaced({ orderId: 'order-1' }));

      expect(received).toEqual(['OrderPlaced']);
    });
  });
}
