import { type ObservabilityHooks, SagaError, type SagaStateStore } from '@orchestrix/core';
import { instrumentSaga } from '@orchestrix/observability';
import type { SagaState } from '@orchestrix/saga';
import type { Report } from '../report/report';
import { FakePaymentGateway } from './fake-payment-gateway';
import { FakeWarehouse } from './fake-warehouse';
import { type OrderSagaInput, orderSaga } from './order-saga';

/** What the saga flow leaves behind for the summary and for checking it. */
export interface SagaFlowResult {
  /** Each saga's final state, as saved: the one that completed, then the one that was compensated. */
  readonly sagas: readonly SagaState[];
  /** The money the payment gateway kept: the completed order's amount only. */
  readonly chargedBalance: number;
}

const ORDERS: readonly { readonly sagaId: string; readonly input: OrderSagaInput }[] = [
  { sagaId: 'order-saga-1', input: { orderId: 'order-s1', sku: 'keyboard', quantity: 1, amount: 120 } },
  { sagaId: 'order-saga-2', input: { orderId: 'order-s2', sku: 'monitor', quantity: 3, amount: 600 } },
];

function reportState(report: Report, state: SagaState): void {
  report.detail(`saga ${state.sagaId}: ${state.status} at v${state.version}`);
  for (const step of state.steps) {
    const compensation =
      step.compensationAttempts === undefined ? '' : ` compensationAttempts=${step.compensationAttempts}`;
    const error = step.error === undefined ? '' : ` error=${step.error}`;
    report.detail(
      `  ${step.name.padEnd(10)} ${step.status.padEnd(12)} attempts=${step.attempts}${compensation} key=${state.sagaId}:${step.name}${error}`,
    );
  }
}

/**
 * Runs the order saga twice on `stateStore`: one order completes; the other finds the monitor out of stock
 * (twice: inventory retries once), so its payment is refunded. Prints each call and each saga's saved state.
 * The saga reports to `hooks`.
 *
 * @throws when a saga does not end as the account says.
 */
export async function runSagaFlow(
  stateStore: SagaStateStore,
  report: Report,
  hooks: ObservabilityHooks = {},
): Promise<SagaFlowResult> {
  report.section('Sagas: payment → inventory → confirm, compensated when a step fails');
  report.detail('Each step passes its idempotency key (sagaId:step) to the system it calls; the state is saved');
  report.detail('after every transition, so a saga whose process dies is resumed where it stopped.');
  const payments = new FakePaymentGateway();
  const warehouse = new FakeWarehouse({ keyboard: 10, monitor: 1 });
  const saga = instrumentSaga(
    orderSaga(stateStore, { payments, warehouse, onCall: (line) => report.detail(line) }),
    hooks,
  );

  report.step(`${ORDERS[0]?.sagaId}: an order that completes`);
  const [completed, compensated] = ORDERS;
  if (completed === undefined || compensated === undefined) throw new Error('The saga flow needs two orders.');
  const completedState = await saga.execute(completed.input, { sagaId: completed.sagaId });
  reportState(report, completedState);

  report.step(`${compensated.sagaId}: inventory fails, payment is refunded`);
  const failure = await saga.execute(compensated.input, { sagaId: compensated.sagaId }).then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(failure instanceof SagaError))
    throw new Error(`The second saga should fail with SagaError: ${String(failure)}`);
  const undone = failure.compensations.map((outcome) => `${outcome.stepName} ${outcome.status}`).join(', ');
  report.detail(`execute rejected: SagaError code=${failure.code} step=${failure.stepName} compensations: ${undone}`);
  const compensatedState = saga.state;
  if (compensatedState === undefined) throw new Error('The second saga saved no state.');
  reportState(report, compensatedState);
  report.detail(`payment gateway keeps ${payments.balance()}: the completed order's ${completed.input.amount}`);
  if (completedState.status !== 'completed' || compensatedState.status !== 'compensated') {
    throw new Error(`The sagas ended ${completedState.status} and ${compensatedState.status}.`);
  }
  if (payments.balance() !== completed.input.amount) throw new Error('The failed order kept its payment.');

  return { sagas: [completedState, compensatedState], chargedBalance: payments.balance() };
}
