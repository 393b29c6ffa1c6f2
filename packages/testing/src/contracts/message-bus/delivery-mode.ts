import { HandlerError, type MessageBus } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { catchError } from '../../internal/catch-error';
import { HandlerBrokeError, OrderPlaced, yieldTurns } from './contract-messages';

/** Subscribes handlers `first` and `second`, which log when they start and finish; returns the log. */
function subscribeLoggingHandlers(bus: MessageBus): string[] {
  const events: string[] = [];
  for (const handlerName of ['first', 'second']) {
    bus.subscribe(
      OrderPlaced,
      async () => {
        events.push(`${handlerName} started`);
        await yieldTurns();
        events.push(`${handlerName} finished`);
      },
      { name: handlerName },
    );
  }
  return events;
}

/** Registers the tests only a sequential bus (`InMemoryMessageBus`) promises. */
export function describeSequentialDelivery(bus: () => MessageBus): void {
  describe('sequential delivery', () => {
    it('starts each handler only after the one before it finished', async () => {
      const events = subscribeLoggingHandlers(bus());

      await bus().publish(OrderPlaced({ orderId: 'order-1' }));

      expect(events).toEqual(['first started', 'first finished', 'second started', 'second finished']);
    });

    it('calls no later handler once one fails', async () => {
      const calls: string[] = [];
      bus().subscribe(OrderPlaced, () => calls.push('first'), { name: 'first' });
      bus().subscribe(
        OrderPlaced,
        () => {
          throw new HandlerBrokeError();
        },
        { name: 'failing' },
      );
      bus().subscribe(OrderPlaced, () => calls.push('third'), { name: 'third' });

      const error = await catchError(() => bus().publish(OrderPlaced({ orderId: 'order-1' })));

      expect(error).toMatchObject({ handlerName: 'failing' });
      expect(calls).toEqual(['first']);
    });
  });
}

/** Registers the tests only a concurrent bus (`InMemoryAsyncMessageBus`) promises. */
export function describeConcurrentDelivery(bus: () => MessageBus): void {
  describe('concurrent delivery', () => {
    it('starts every handler before any of them finished', async () => {
      const events = subscribeLoggingHandlers(bus());

      await bus().publish(OrderPlaced({ orderId: 'order-1' }));

      expect(events.slice(0, 2)).toEqual(['first started', 'second started']);
    });

    it('runs every handler and lists each failure in HandlerError.errors', async () => {
      const calls: string[] = [];
      const fail = (): never => {
        throw new HandlerBrokeError();
      };
      bus().subscribe(OrderPlaced, fail, { name: 'first' });
      bus().subscribe(OrderPlaced, () => calls.push('second'), { name: 'second' });
      bus().subscribe(
        OrderPlaced,
        async () => {
          await yieldTurns(1);
          fail();
        },
        { name: 'third' },
      );

      const error = await catchError(() => bus().publish(OrderPlaced({ orderId: 'order-1' })));

      expect(error).toBeInstanceOf(HandlerError);
      expect((error as HandlerError).errors.map((failure) => failure.handlerName)).toEqual(['first', 'third']);
      expect(calls).toEqual(['second']);
    });
  });
}
