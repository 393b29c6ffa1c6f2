import { HandlerError, type MessageBus, NoHandlerError } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { catchError } from '../../internal/catch-error';
import { HandlerBrokeError, OrderPlaced } from './contract-messages';

/** Registers the tests of `deliverTo`, which addresses one handler by name (dead-letter redrive). */
export function describeDeliverTo(bus: () => MessageBus): void {
  describe('deliverTo', () => {
    it('delivers a message to the named handler only', async () => {
      const calls: string[] = [];
      for (const handlerName of ['audit', 'email', 'analytics']) {
        bus().subscribe(OrderPlaced, () => calls.push(handlerName), { name: handlerName });
      }

      await bus().deliverTo('email', OrderPlaced({ orderId: 'order-1' }));

      expect(calls).toEqual(['email']);
    });

    it('rejects with NoHandlerError when no handler of that name handles the type', async () => {
      bus().subscribe(OrderPlaced, () => undefined, { name: 'audit' });

      const error = await catchError(() => bus().deliverTo('email', OrderPlaced({ orderId: 'order-1' })));

      expect(error).toBeInstanceOf(NoHandlerError);
    });

    it('rejects with HandlerError when the named handler fails', async () => {
      bus().subscribe(
        OrderPlaced,
        () => {
          throw new HandlerBrokeError();
        },
        { name: 'email' },
      );

      const error = await catchError(() => bus().deliverTo('email', OrderPlaced({ orderId: 'order-1' })));

      expect(error).toBeInstanceOf(HandlerError);
      expect(error).toMatchObject({ handlerName: 'email', messageType: 'OrderPlaced' });
    });
  });
}
