import { type SagaStateRecord, ValidationError } from '@orchestrix/core';
import type { SagaStatus } from '../saga-state';
import type { SagaDefinition } from './resolve-saga-options';
import type { StoredSagaState } from './stored-saga-state';

const SAGA_STATUSES: readonly string[] = ['pending', 'running', 'completed', 'compensating', 'compensated', 'failed'];

function stepNamesOf(state: unknown): string[] | undefined {
  const steps = (state as { steps?: unknown } | null)?.steps;
  if (!Array.isArray(steps)) return undefined;
  const names = steps.map((step: unknown) => (step as { name?: unknown } | null)?.name);
  return names.every((name) => typeof name === 'string') ? (names as string[]) : undefined;
}

/**
 * The state of a stored saga, checked against the definition that resumes it: the same saga type, a state
 * this package wrote, and the same steps in the same order.
 *
 * @internal Shared by the saga's modules; not part of the public API.
 * @throws {@link ValidationError} (field `sagaType`, `state` or `steps`) when the definition does not fit.
 */
export function readSagaState<I>(definition: SagaDefinition<I>, record: SagaStateRecord): StoredSagaState {
  const { sagaId, sagaType } = record;
  if (sagaType !== definition.sagaType) {
    throw new ValidationError(
      'sagaType',
      sagaType,
      `Saga "${sagaId}" is a ${sagaType}, not a ${definition.sagaType}: resume it with its own definition.`,
    );
  }
  const state = record.state as Partial<StoredSagaState> | null;
  const names = stepNamesOf(state);
  if (names === undefined || typeof state?.status !== 'string' || !SAGA_STATUSES.includes(state.status)) {
    throw new ValidationError('state', sagaId, `Saga "${sagaId}" has a state this package did not write: inspect it.`);
  }
  const expected = definition.steps.map((step) => step.name);
  if (names.length !== expected.length || names.some((name, index) => name !== expected[index])) {
    throw new ValidationError(
      'steps',
      names,
      `Saga "${sagaId}" was saved with the steps [${names.join(', ')}], but this definition has [${expected.join(', ')}]: resume it with the definition it started with.`,
    );
  }
  return { ...(state as StoredSagaState), status: state.status as SagaStatus };
}
