import type { Event, MessageBus } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { OrderPlaced, PlaceOrder, yieldTurns } from './contract-messages';

/** Registers the tests of metadata propagation into messages created while a handler runs (SPEC §2). */
export function describeMetadataPropagation(bus: () => MessageBus): void {
  describe('metadata propagation', () => {
    it("gives an event created in a command handler the command's correlation id and the command id as cause", async () => {
      const created: Event[] = [];
      bus().subscribe(PlaceOrder, (command) => {
        created.push(OrderPlaced({ orderId: command.data.orderId }));
      });
      const command = PlaceOrder({ orderId: 'order-1' }, { correlationId: 'correlation-1' });

      await bus().publish(command);

      expect(created[0]).toMatchObject({ correlationId: 'correlation-1', causationId: command.id });
    });

    it('uses the command id as correlation id when the command has none', async () => {
      const created: Event[] = [];
      bus().subscribe(PlaceOrder, async (command) => {
        await yieldTurns(1);
        created.push(OrderPlaced({ orderId: command.data.orderId }));
      });
      const command = PlaceOrder({ orderId: 'order-1' });

      await bus().publish(command);

      expect(created[0]).toMatchObject({ correlationId: command.id, causationId: command.id });
    });

    it('keeps the metadata of concurrent handlers apart', async () => {
      const created = new Map<string, Event>();
      bus().subscribe(PlaceOrder, async (command) => {
        await yieldTurns(command.data.orderId === 'order-1' ? 3 : 1);
        created.set(command.data.orderId, OrderPlaced({ orderId: command.data.orderId }));
      });
      const first = PlaceOrder({ orderId: 'order-1' }, { correlationId: 'correlation-1' });
      const second = PlaceOrder({ orderId: 'order-2' }, { correlationId: 'correlation-2' });

      await Promise.all([bus().publish(first), bus().publish(second)]);

      expect(created.get('order-1')).toMatchObject({ correlationId: 'correlation-1', causationId: first.id });
      expect(created.get('order-2')).toMatchObject({ correlationId: 'correlation-2', causationId: second.id });
    });

    it('leaves messages created outside any handler without inherited metadata', async () => {
      bus().subscribe(PlaceOrder, () => undefined);
      await bus().publish(PlaceOrder({ orderId: 'order-1' }, { correlationId: 'correlation-1' }));

      const event = OrderPlaced({ orderId: 'order-2' });

      expect(event.correlationId).toBeUndefined();
      expect(event.causationId).toBeUndefined();
    });
  });
}
