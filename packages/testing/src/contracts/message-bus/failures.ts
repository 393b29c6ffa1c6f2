import { HandlerError, type Message, type MessageBus } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { catchError } from '../../internal/catch-error';
import { HandlerBrokeError, OrderPlaced, PlaceOrder } from './contract-messages';

/** Registers the tests of handler failures: `publish` rejects with a `HandlerError` naming the handler. */
export function describeFailures(bus: () => MessageBus): void {
  describe('handler failures', () => {
    it('rejects publish with HandlerError naming the type, the handler and the cause', async () => {
      const failure = new HandlerBrokeError();
      bus().subscribe(
        OrderPlaced,
        async () => {
          throw failure;
        },
        { name: 'sendReceipt' },
      );

      const error = await catchError(() => bus().publish(OrderPlaced({ orderId: 'order-1' })));

      expect(error).toBeInstanceOf(HandlerError);
      expect(error).toMatchObject({ code: 'HANDLER', messageType: 'OrderPlaced', handlerName: 'sendReceipt' });
      expect((error as HandlerError).cause).toBe(failure);
    });

    it('rejects publish with HandlerError when a handler throws synchronously', async () => {
      bus().subscribe(
        PlaceOrder,
        () => {
          throw new HandlerBrokeError();
        },
        { name: 'placeOrder' },
      );

      const error = await catchError(() => bus().publish(PlaceOrder({ orderId: 'order-1' })));

      expect(error).toBeInstanceOf(HandlerError);
      expect(error).toMatchObject({ messageType: 'PlaceOrder', handlerName: 'placeOrder' });
      expect((error as HandlerError).cause).toBeInstanceOf(HandlerBrokeError);
    });

    it('names a handler after its function when no name is given', async () => {
      function reserveStock(): never {
        throw new HandlerBrokeError();
      }
      bus().subscribe(OrderPlaced, reserveStock);

      const error = await catchError(() => bus().publish(OrderPlaced({ orderId: 'order-1' })));

      expect(error).toMatchObject({ handlerName: 'reserveStock' });
    });

    it('names a handler object after its class when no name is given', async () => {
      class BillingPolicy {
        handle(_event: Message): never {
          throw new HandlerBrokeError();
        }
      }
      bus().subscribe(OrderPlaced, new BillingPolicy());

      const error = await catchError(() => bus().publish(OrderPlaced({ orderId: 'order-1' })));

      expect(error).toMatchObject({ handlerName: 'BillingPolicy' });
    });
  });
}
