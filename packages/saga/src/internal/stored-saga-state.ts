import type { SagaState, SagaStepState } from '../saga-state';

/**
 * A saga's state as the store keeps it: {@link SagaState} without `version`, which the record carries.
 *
 * @internal Shared by the saga's modules; not part of the public API.
 */
export type StoredSagaState = Omit<SagaState, 'version'>;

/** The longest error text kept in a state: enough to diagnose, bounded so one huge message cannot bloat it. */
const MAX_ERROR_TEXT_LENGTH = 2000;

/**
 * `state` with `changes` applied to its step at `index`, and `sagaChanges` to the saga.
 *
 * @internal Shared by the saga's modules; not part of the public API.
 */
export function withStep(
  state: StoredSagaState,
  index: number,
  changes: Partial<SagaStepState>,
  sagaChanges: Partial<StoredSagaState> = {},
): StoredSagaState {
  const steps = state.steps.map((step, stepIndex) => (stepIndex === index ? { ...step, ...changes } : step));
  return { ...state, ...sagaChanges, steps };
}

/**
 * An error as the state records it: `Name: message`, at most 2000 characters.
 *
 * @internal Shared by the saga's modules; not part of the public API.
 */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_ERROR_TEXT_LENGTH ? `${text.slice(0, MAX_ERROR_TEXT_LENGTH - 1)}…` : text;
}

/**
 * An error rebuilt from its recorded text, for a saga whose live error died with an earlier process.
 *
 * @internal Shared by the saga's modules; not part of the public API.
 */
export function recordedError(text: string | undefined): Error {
  const error = new Error(text ?? 'unknown error');
  error.name = 'RecordedSagaError';
  return error;
}
