import { type CompensationOutcome, SagaError } from '@orchestrix/core';
import type { SagaStepState } from '../saga-state';
import { recordedError, type StoredSagaState } from './stored-saga-state';

/**
 * How an earlier process's finished compensation of `step` ended, or `undefined` when it has not finished.
 *
 * @internal Shared by the saga's modules; not part of the public API.
 */
export function recordedOutcome(step: SagaStepState): CompensationOutcome | undefined {
  if (step.status === 'compensated') return { stepName: step.name, status: 'compensated' };
  if (step.status === 'compensation_failed') {
    return { stepName: step.name, status: 'compensation_failed', error: recordedError(step.compensationError) };
  }
  return undefined;
}

/**
 * The `SagaError` a saga that failed at `state.failedStep` rejects with: its compensations' outcomes and
 * `cause`, the live error, or one rebuilt from the recorded text.
 *
 * @internal Shared by the saga's modules; not part of the public API.
 */
export function sagaErrorOf(
  state: StoredSagaState,
  compensations: readonly CompensationOutcome[],
  cause: unknown = recordedError(state.error),
): SagaError {
  return new SagaError(state.sagaType, state.sagaId, state.failedStep ?? '', compensations, { cause });
}

/**
 * The `SagaError` of a saga that ended `compensated` or `failed` in an earlier run, rebuilt from its state:
 * the compensations in the order they ran (last step first) and the recorded cause.
 *
 * @internal Shared by the saga's modules; not part of the public API.
 */
export function recordedSagaError(state: StoredSagaState): SagaError {
  const outcomes: CompensationOutcome[] = [];
  for (const step of [...state.steps].reverse()) {
    const outcome = recordedOutcome(step);
    if (outcome !== undefined) outcomes.push(outcome);
  }
  return sagaErrorOf(state, outcomes);
}
