import type { JsonValue } from '@orchestrix/core';
import { sagaIdempotencyKey } from '../saga-idempotency-key';
import type { SagaStepContext } from '../saga-step-context';
import type { SagaDefinition } from './resolve-saga-options';
import type { SagaObserver } from './saga-observer';
import type { SagaStateWriter } from './saga-state-writer';

/**
 * What the parts of one run share: the definition, the state writer, the hooks and the ownership signal.
 *
 * @internal Shared by the saga's modules; not part of the public API.
 */
export interface RunScope<I = unknown> {
  readonly definition: SagaDefinition<I>;
  readonly writer: SagaStateWriter;
  readonly observer: SagaObserver;
  /** Aborts, with a `ConcurrencyError` as its reason, once another process owns the saga. */
  readonly ownership: AbortSignal;
}

/**
 * The context an action (or, with `result` added, a compensation) receives for `attempt` of step `index`.
 *
 * @internal Shared by the saga's modules; not part of the public API.
 */
export function stepContext<I>(
  scope: RunScope<I>,
  index: number,
  attempt: number,
  signal: AbortSignal,
): SagaStepContext<I> {
  const { state } = scope.writer;
  const results: Record<string, JsonValue> = {};
  for (const step of state.steps) if (step.result !== undefined) results[step.name] = step.result;
  const stepName = state.steps[index]?.name ?? '';
  return Object.freeze({
    // The input went through the codec before the first save: it is the JSON form of an `I`.
    input: state.input as I,
    results: Object.freeze(results),
    sagaId: state.sagaId,
    sagaType: state.sagaType,
    stepName,
    attempt,
    idempotencyKey: sagaIdempotencyKey(state.sagaId, stepName),
    signal,
  });
}

/**
 * Throws the ownership signal's reason (a `ConcurrencyError`) once another process owns the saga.
 *
 * @internal Shared by the saga's modules; not part of the public API.
 */
export function throwIfOwnershipLost<I>(scope: RunScope<I>): void {
  if (scope.ownership.aborted) throw scope.ownership.reason;
}
