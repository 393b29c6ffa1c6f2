import type { SagaStateStore } from '@orchestrix/core';
import { Saga, type SagaOptions } from '@orchestrix/saga';
import { FakeClock } from '@orchestrix/testing';
import { ORDER, type OrderInput, recordedStep, type StepBehaviour } from './recorded-step';
import type { StepRecorder } from './step-recorder';
import { until } from './until';

/** Makes the saga state store a suite runs against. */
export interface SagaStoreHarness {
  /** An empty store whose time is `clock`. */
  create(clock: FakeClock): Promise<SagaStateStore>;
}

/** The saga id the suites crash and resume. */
export const SAGA_ID = 'saga-1';

/** What one suite test works with: a shared clock, a fresh store and a recorder of step calls. */
export interface SagaWorld {
  readonly clock: FakeClock;
  readonly stateStore: SagaStateStore;
  readonly recorder: StepRecorder;
}

/** The options of an order saga on `world`, its steps built from `behaviours` in order. */
export function orderSagaOptions(
  world: SagaWorld,
  behaviours: Record<string, StepBehaviour>,
  extra: Partial<SagaOptions<OrderInput>> = {},
): SagaOptions<OrderInput> {
  return {
    sagaType: 'OrderSaga',
    steps: Object.entries(behaviours).map(([name, behaviour]) => recordedStep(world.recorder, name, behaviour)),
    stateStore: world.stateStore,
    clock: world.clock,
    ...extra,
  };
}

/**
 * Executes saga `SAGA_ID` in a process that then "dies" while `stepName`'s action (or compensation) runs:
 * the step never settles, and the process's clock never moves, so its lease is never renewed. Resolves once
 * the step has started, with the execution: it never settles unless another process fences it off, and then
 * it resolves with what it rejected with.
 */
export async function crashDuring(
  world: SagaWorld,
  behaviours: Record<string, StepBehaviour>,
  stepName: string,
  options: { readonly phase?: 'action' | 'compensation'; readonly extra?: Partial<SagaOptions<OrderInput>> } = {},
): Promise<{ readonly execution: Promise<unknown> }> {
  const { phase = 'action', extra = {} } = options;
  const crashed = new Saga({
    ...orderSagaOptions(world, behaviours, extra),
    clock: new FakeClock(world.clock.now()),
    owner: 'crashed-process',
  });
  const execution = crashed.execute(ORDER, { sagaId: SAGA_ID }).catch((error: unknown) => error);
  await until(() => world.recorder.of(stepName, phase).length > 0, `${stepName} started`);
  return { execution };
}
