import { defineEvent, defineProjection, defineReactor, payload, ValidationError } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { projectionSpec } from './projection-spec';

const OrderPlaced = defineEvent('OrderPlaced', payload<{ orderId: string; totalAmount: number }>());
const OrderShipped = defineEvent('OrderShipped', payload<{ orderId: string }>());

function orderTotals() {
  const totals = new Map<string, number>();
  const projection = defineProjection({
    name: 'order_totals',
    handlers: {
      OrderPlaced: (event) => {
        const { orderId, totalAmount } = event.data as { orderId: string; totalAmount: number };
        if (totalAmount < 0) throw new ValidationError('totalAmount', totalAmount, 'totalAmount must not be negative');
        totals.set(orderId, totalAmount);
      },
    },
    reset: () => totals.clear(),
  });
  return { projection, readModel: () => Object.fromEntries(totals) };
}

describe('projectionSpec', () => {
  it('passes when the handlers build the expected read model', async () => {
    const { projection, readModel } = orderTotals();

    const result = await projectionSpec(projection, { readModel })
      .given([OrderPlaced({ orderId: 'o-1', totalAmount: 99 }), OrderShipped({ orderId: 'o-1' })])
      .then({ 'o-1': 99 });

    expect(result).toEqual({ 'o-1': 99 });
  });

  it('fails when the read model differs from the expected one', async () => {
    const { projection, readModel } = orderTotals();

    const outcome = projectionSpec(projection, { readModel })
      .given([OrderPlaced({ orderId: 'o-1', totalAmount: 99 })])
      .then({ 'o-1': 100 });

    await expect(outcome).rejects.toThrow();
  });

  it('gives events positions in order and versions counted per subject', async () => {
    const seen: string[] = [];
    const projection = defineProjection({
      name: 'positions',
      handleBatch: (events) => {
        for (const event of events) seen.push(`${event.streamId}@${event.version}#${event.position}`);
      },
    });

    await projectionSpec(projection, { readModel: () => seen })
      .given([
        OrderPlaced({ orderId: 'o-1', totalAmount: 1 }, { subject: 'o-1' }),
        OrderPlaced({ orderId: 'o-2', totalAmount: 2 }, { subject: 'o-2' }),
        OrderShipped({ orderId: 'o-1' }, { subject: 'o-1' }),
      ])
      .then(['o-1@1#1', 'o-2@1#2', 'o-1@2#3']);
  });

  it('passes the projection name, the transaction and a reactor its idempotency key', async () => {
    const keys: string[] = [];
    const reactor = defineReactor({
      name: 'mails',
      handlers: {
        OrderPlaced: (event, context) => {
          keys.push(
            `${context.projectionName}|${String(context.transaction)}|${context.idempotencyKey === `mails:${event.id}`}`,
          );
        },
      },
    });

    await projectionSpec(reactor, { readModel: () => keys, transaction: 'transaction-1' })
      .given([OrderPlaced({ orderId: 'o-1', totalAmount: 1 })])
      .then(['mails|transaction-1|true']);
  });

  it('checks the error class a handler throws with thenThrows', async () => {
    const { projection, readModel } = orderTotals();

    const error = await projectionSpec(projection, { readModel })
      .given([OrderPlaced({ orderId: 'o-1', totalAmount: -1 })])
      .thenThrows(ValidationError);

    expect(error.code).toBe('VALIDATION');
  });

  it('fails thenThrows when every handler succeeds', async () => {
    const { projection, readModel } = orderTotals();

    const outcome = projectionSpec(projection, { readModel })
      .given([OrderPlaced({ orderId: 'o-1', totalAmount: 1 })])
      .thenThrows(ValidationError);

    await expect(outcome).rejects.toThrow();
  });

  it('rejects being awaited without then, saying what to call', async () => {
    const { projection, readModel } = orderTotals();

    const spec = projectionSpec(projection, { readModel }).given([]);

    await expect(Promise.resolve(spec as unknown)).rejects.toBeInstanceOf(TypeError);
  });
});
