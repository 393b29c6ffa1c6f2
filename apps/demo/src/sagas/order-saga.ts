import { FixedDelay, type SagaStateStore } from '@orchestrix/core';
import { Saga, SagaStep } from '@orchestrix/saga';
import type { FakePaymentGateway } from './fake-payment-gateway';
import type { FakeWarehouse } from './fake-warehouse';

/** What an order saga is started with. */
export interface OrderSagaInput {
  readonly orderId: string;
  readonly sku: string;
  readonly quantity: number;
  readonly amount: number;
}

/** The external systems the order saga calls, and where it tells what it does. */
export interface OrderSagaServices {
  readonly payments: FakePaymentGateway;
  readonly warehouse: FakeWarehouse;
  /** Receives one line per action or compensation run. */
  readonly onCall: (line: string) => void;
}

/**
 * The order saga of SPEC §8: payment → inventory → confirm. Payment is refunded and inventory released when
 * a later step fails; the inventory step retries once. Every call passes the step's idempotency key on.
 */
export function orderSaga(stateStore: SagaStateStore, services: OrderSagaServices): Saga<OrderSagaInput> {
  const { payments, warehouse, onCall } = services;
  return new Saga<OrderSagaInput>({
    sagaType: 'OrderSaga',
    stateStore,
    timeoutMs: 30_000,
    steps: [
      new SagaStep<OrderSagaInput>({
        name: 'payment',
        action: ({ input, idempotencyKey, attempt }) => {
          onCall(`payment    attempt ${attempt}: charge ${input.amount} (key ${idempotencyKey})`);
          return { paymentId: payments.charge(idempotencyKey, input.amount) };
        },
        compensation: ({ idempotencyKey, result }) => {
          onCall(`payment    compensation: refund ${JSON.stringify(result)} (key ${idempotencyKey})`);
          payments.refund(idempotencyKey);
        },
        timeoutMs: 5000,
      }),
      new SagaStep<OrderSagaInput>({
        name: 'inventory',
        action: ({ input, idempotencyKey, attempt }) => {
          onCall(`inventory  attempt ${attempt}: reserve ${input.quantity} x ${input.sku} (key ${idempotencyKey})`);
          return { reservationId: warehouse.reserve(idempotencyKey, input.sku, input.quantity) };
        },
        compensation: ({ idempotencyKey }) => {
          onCall(`inventory  compensation: release (key ${idempotencyKey})`);
          warehouse.release(idempotencyKey);
        },
        retry: new FixedDelay({ maxRetries: 1, delayMs: 10 }),
      }),
      new SagaStep<OrderSagaInput>({
        name: 'confirm',
        action: ({ input, idempotencyKey, attempt }) => {
          onCall(`confirm    attempt ${attempt}: confirm ${input.orderId} (key ${idempotencyKey})`);
          return { confirmed: input.orderId };
        },
      }),
    ],
  });
}
