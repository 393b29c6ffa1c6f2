import { describe, expect, it } from 'vitest';
import { defineCommand, defineEvent, payload } from './define-message';
import { currentMessageContext, runInMessageContext } from './message-context';

const PlaceOrder = defineCommand('PlaceOrder', payload<{ orderId: string }>());
const OrderPlaced = defineEvent('OrderPlaced', payload<{ orderId: string }>());
const EmailSent = defineEvent('EmailSent');

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const TRACEPARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;

describe('runInMessageContext', () => {
  it('gives new messages the parent id as correlationId when the parent has none', () => {
    const command = PlaceOrder({ orderId: 'o-1' });

    const event = runInMessageContext(command, () => OrderPlaced({ orderId: 'o-1' }));

    expect(event.correlationId).toBe(command.id);
  });

  it('gives new messages the correlationId of the parent when it has one', () => {
    const command = PlaceOrder({ orderId: 'o-1' }, { correlationId: 'flow-1' });

    const event = runInMessageContext(command, () => OrderPlaced({ orderId: 'o-1' }));

    expect(event.correlationId).toBe('flow-1');
  });

  it('gives new messages the parent id as causationId', () => {
    const command = PlaceOrder({ orderId: 'o-1' }, { correlationId: 'flow-1', causationId: 'earlier' });

    const event = runInMessageContext(command, () => OrderPlaced({ orderId: 'o-1' }));

    expect(event.causationId).toBe(command.id);
  });

  it('gives new messages the traceId and traceparent of the parent', () => {
    const command = PlaceOrder({ orderId: 'o-1' }, { traceId: TRACE_ID, traceparent: TRACEPARENT });

    const event = runInMessageContext(command, () => OrderPlaced({ orderId: 'o-1' }));

    expect(event).toMatchObject({ traceId: TRACE_ID, traceparent: TRACEPARENT });
  });

  it('lets metadata given to the factory win over the inherited context', () => {
    const command = PlaceOrder({ orderId: 'o-1' }, { traceId: TRACE_ID, traceparent: TRACEPARENT });
    const explicit = {
      correlationId: 'own-flow',
      causationId: 'own-cause',
      traceId: 'ffffffffffffffffffffffffffffffff',
      traceparent: '00-ffffffffffffffffffffffffffffffff-1111111111111111-01',
    };

    const event = runInMessageContext(command, () => OrderPlaced({ orderId: 'o-1' }, explicit));

    expect(event).toMatchObject(explicit);
  });

  it('lets overrides replace what the parent gives', () => {
    const command = PlaceOrder({ orderId: 'o-1' }, { traceId: TRACE_ID, traceparent: TRACEPARENT });
    const handlerSpan = `00-${TRACE_ID}-1111111111111111-01`;

    const event = runInMessageContext(command, () => OrderPlaced({ orderId: 'o-1' }), { traceparent: handlerSpan });

    expect(event.traceparent).toBe(handlerSpan);
  });

  it('carries the correlationId down a chain of handlers', () => {
    const command = PlaceOrder({ orderId: 'o-1' });

    const email = runInMessageContext(command, () => {
      const event = OrderPlaced({ orderId: 'o-1' });
      return runInMessageContext(event, () => EmailSent());
    });

    expect(email.correlationId).toBe(command.id);
  });

  it('returns what the work returns', () => {
    const command = PlaceOrder({ orderId: 'o-1' });

    const result = runInMessageContext(command, () => 42);

    expect(result).toBe(42);
  });

  it('keeps the context across awaits inside the work', async () => {
    const command = PlaceOrder({ orderId: 'o-1' });

    const event = await runInMessageContext(command, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return OrderPlaced({ orderId: 'o-1' });
    });

    expect(event.causationId).toBe(command.id);
  });

  it('keeps two interleaved handlers from seeing each other’s context', async () => {
    const first = PlaceOrder({ orderId: 'o-1' }, { correlationId: 'flow-1' });
    const second = PlaceOrder({ orderId: 'o-2' }, { correlationId: 'flow-2' });
    const steps: string[] = [];
    const handle = (command: typeof first) =>
      runInMessageContext(command, async () => {
        const before = OrderPlaced({ orderId: command.data.orderId });
        steps.push(`${command.data.orderId} before`);
        await new Promise((resolve) => setImmediate(resolve));
        steps.push(`${command.data.orderId} after`);
        return [before, OrderPlaced({ orderId: command.data.orderId })];
      });

    const [fromFirst, fromSecond] = await Promise.all([handle(first), handle(second)]);

    expect(steps).toEqual(['o-1 before', 'o-2 before', 'o-1 after', 'o-2 after']);
    expect(fromFirst?.map((event) => [event.correlationId, event.causationId])).toEqual([
      ['flow-1', first.id],
      ['flow-1', first.id],
    ]);
    expect(fromSecond?.map((event) => [event.correlationId, event.causationId])).toEqual([
      ['flow-2', second.id],
      ['flow-2', second.id],
    ]);
  });

  it('leaves no context behind once the work has finished', async () => {
    const command = PlaceOrder({ orderId: 'o-1' });
    await runInMessageContext(command, async () => undefined);

    const event = OrderPlaced({ orderId: 'o-1' });

    expect(currentMessageContext()).toBeUndefined();
    expect(event.correlationId).toBeUndefined();
  });
});

describe('currentMessageContext', () => {
  it('is undefined outside any handler', () => {
    const context = currentMessageContext();

    expect(context).toBeUndefined();
  });

  it('gives no correlationId or causationId to messages made outside any handler', () => {
    const event = OrderPlaced({ orderId: 'o-1' });

    expect(event.correlationId).toBeUndefined();
    expect(event.causationId).toBeUndefined();
  });
});
