import { DuplicateHandlerError, type MessageBus, NoHandlerError } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { catchError } from '../../internal/catch-error';
import { CancelOrder, PlaceOrder } from './contract-messages';

/** Registers the tests of commands: exactly one handler each. */
export function describeCommands(bus: () => MessageBus): void {
  describe('commands', () => {
    it('delivers a command to its handler', async () => {
      const received: string[] = [];
      bus().subscribe(PlaceOrder, (command) => received.push(command.data.orderId));

      await bus().publish(PlaceOrder({ orderId: 'order-1' }));

      expect(received).toEqual(['order-1']);
    });

    it('refuses a second handler for a command type with DuplicateHandlerError', () => {
      bus().subscribe(PlaceOrder, () => undefined, { name: 'placeOrder' });

      const subscribeAgain = (): unknown => bus().subscribe(PlaceOrder, () => undefined, { name: 'placeOrderAgain' });

      expect(subscribeAgain).toThrow(DuplicateHandlerError);
    });

    it('accepts a new handler for a command type once the old one unsubscribed', async () => {
      const calls: string[] = [];
      const unsubscribe = bus().subscribe(PlaceOrder, () => calls.push('old'));
      unsubscribe();

      bus().subscribe(PlaceOrder, () => calls.push('new'));
      await bus().publish(PlaceOrder({ orderId: 'order-1' }));

      expect(calls).toEqual(['new']);
    });

    it('rejects publishing a command with no handler with NoHandlerError', async () => {
      bus().subscribe(PlaceOrder, () => undefined);

      const error = await catchError(() => bus().publish(CancelOrder({ orderId: 'order-1' })));

      expect(error).toBeInstanceOf(NoHandlerError);
      expect(error).toMatchObject({ code: 'NO_HANDLER', messageType: 'CancelOrder' });
    });
  });
}
