import { defineEvent, FixedDelay, HandlerError, payload } from '@orchestrix/core';
import { InMemoryAsyncMessageBus, InMemoryMessageBus, InMemorySagaStateStore } from '@orchestrix/memory';
import { Saga, sagaIdForEvent, startSagaOn } from '@orchestrix/saga';
import { FakeClock } from '@orchestrix/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { type OrderInput, recordedStep, type StepBehaviour } from './support/recorded-step';
import { rejectionOf } from './support/rejection-of';
import { StepRecorder } from './support/step-recorder';
import { SwitchableSagaStateStore } from './support/switchable-saga-state-store';

const OrderPlaced = defineEvent('OrderPlaced', payload<{ orderId: string; amount: number }>());

let clock: FakeClock;
let stateStore: SwitchableSagaStateStore;
let recorder: StepRecorder;

function orderSaga(confirm: StepBehaviour = {}): Saga<OrderInput> {
  return new Saga({
    sagaType: 'OrderSaga',
    steps: [recordedStep(recorder, 'payment'), recordedStep(recorder, 'confirm', confirm)],
    stateStore,
    clock,
  });
}

const toInput = (event: ReturnType<typeof OrderPlaced>): OrderInput => ({
  orderId: event.data.orderId,
  amount: event.data.amount,
});

beforeEach(() => {
  clock = new FakeClock();
  stateStore = new SwitchableSagaStateStore(new InMemorySagaStateStore({ clock }));
  recorder = new StepRecorder();
});

describe('startSagaOn', () => {
  it('starts the saga for a published event, with the input made from it and an id derived from the event', async () => {
    const bus = new InMemoryMessageBus();
    startSagaOn(bus, OrderPlaced, orderSaga(), toInput);
    const event = OrderPlaced({ orderId: 'order-1', amount: 99 });

    await bus.publish(event);

    const [record] = await stateStore.list();
    expect(record).toMatchObject({ sagaId: `OrderSaga:${event.id}`, status: 'completed' });
    expect(record?.sagaId).toBe(sagaIdForEvent('OrderSaga', event.id));
    expect(record?.state).toMatchObject({ input: { orderId: 'order-1', amount: 99 } });
  });

  it('starts one saga, not two, when the same event is delivered twice', async () => {
    const bus = new InMemoryMessageBus();
    startSagaOn(bus, OrderPlaced, orderSaga(), toInput);
    const event = OrderPlaced({ orderId: 'order-1', amount: 99 });

    await bus.publish(event);
    await bus.publish(event);

    expect(await stateStore.list()).toHaveLength(1);
    expect(recorder.actions()).toEqual(['payment', 'confirm']);
  });

  it('starts one saga when the same event is delivered twice at once', async () => {
    const bus = new InMemoryAsyncMessageBus();
    startSagaOn(bus, OrderPlaced, orderSaga(), toInput);
    const event = OrderPlaced({ orderId: 'order-1', amount: 99 });

    await Promise.all([bus.publish(event), bus.publish(event)]);

    expect(await stateStore.list()).toHaveLength(1);
    expect(recorder.actions()).toEqual(['payment', 'confirm']);
  });

  it('starts a saga per distinct event', async () => {
    const bus = new InMemoryMessageBus();
    startSagaOn(bus, OrderPlaced, orderSaga(), toInput);

    await bus.publish(OrderPlaced({ orderId: 'order-1', amount: 99 }));
    await bus.publish(OrderPlaced({ orderId: 'order-2', amount: 5 }));

    expect(await stateStore.list()).toHaveLength(2);
  });

  it('handles the event when the saga ends compensated: the outcome is in its state', async () => {
    const bus = new InMemoryMessageBus();
    startSagaOn(bus, OrderPlaced, orderSaga({ failures: 'always' }), toInput);

    await bus.publish(OrderPlaced({ orderId: 'order-1', amount: 99 }));

    expect((await stateStore.list())[0]?.status).toBe('compensated');
  });

  it('rejects when the state store is down, so the bus retries the event and one saga runs', async () => {
    const bus = new InMemoryMessageBus({ retry: new FixedDelay({ maxRetries: 1, delayMs: 100 }), clock });
    startSagaOn(bus, OrderPlaced, orderSaga(), toInput);
    stateStore.isDown = true;

    const publishing = bus.publish(OrderPlaced({ orderId: 'order-1', amount: 99 }));
    await clock.advance(0);
    stateStore.isDown = false;
    await clock.advance(100);
    await publishing;

    expect(await stateStore.list()).toMatchObject([{ status: 'completed' }]);
    expect(recorder.actions()).toEqual(['payment', 'confirm']);
  });

  it('lets the bus report a store that stays down', async () => {
    const bus = new InMemoryMessageBus();
    startSagaOn(bus, OrderPlaced, orderSaga(), toInput);
    stateStore.isDown = true;

    const error = await rejectionOf(bus.publish(OrderPlaced({ orderId: 'order-1', amount: 99 })));

    expect(error).toBeInstanceOf(HandlerError);
  });

  it('stops starting sagas once unsubscribed, and takes a saga id function', async () => {
    const bus = new InMemoryMessageBus();
    const unsubscribe = startSagaOn(bus, OrderPlaced, orderSaga(), toInput, {
      sagaId: (event) => `order-saga-${event.data.orderId}`,
    });
    await bus.publish(OrderPlaced({ orderId: 'order-1', amount: 99 }));

    unsubscribe();
    await bus.publish(OrderPlaced({ orderId: 'order-2', amount: 5 }));

    expect((await stateStore.list()).map((record) => record.sagaId)).toEqual(['order-saga-order-1']);
  });
});
