import { deepFreezeJson, type JsonValue, normalizeJson } from '@orchestrix/core';
import { attemptOnce } from './attempt-once';
import { type RunScope, stepContext, throwIfOwnershipLost } from './run-scope';
import { errorText, withStep } from './stored-saga-state';

/**
 * How a step's action ended in this run: `completed` (saved as such), or `failed` with no retry left, or
 * cut short by the saga's timeout. A failed step is not saved yet: the caller saves it together with the
 * saga's move to `compensating`.
 *
 * @internal Shared by the saga's modules; not part of the public API.
 */
export type StepOutcome =
  | { readonly status: 'completed' }
  | { readonly status: 'failed'; readonly error: unknown; readonly possiblyDone: boolean };

/** What {@link runStep} needs beyond the scope: the run's signal and the error the saga's timeout makes. */
export interface StepRunOptions {
  /** Aborts when the saga timed out or another process owns it. */
  readonly signal: AbortSignal;
  /** The saga's `TimeoutError`, for when `signal` aborted and ownership was not lost. */
  readonly sagaTimedOut: () => Error;
}

/** The action's value through the JSON codec, frozen; `undefined` stays absent. */
function resultOf(value: unknown, stepName: string): JsonValue | undefined {
  return value === undefined ? undefined : deepFreezeJson(normalizeJson(value, `results.${stepName}`));
}

/** Attempts step `index` until it completes, its retries run out or `options.signal` aborts. */
async function attemptStep<I>(scope: RunScope<I>, index: number, options: StepRunOptions): Promise<StepOutcome> {
  const { definition, writer, observer } = scope;
  const { clock } = definition;
  const step = definition.steps[index];
  if (step === undefined) throw new RangeError(`The saga has no step ${index}`);
  const found = writer.state.steps[index];
  // A step found running was interrupted by its process's death: its outcome is unknown.
  let possiblyDone = found?.possiblyDone === true || found?.status === 'running';
  let lastError: unknown;
  for (;;) {
    const current = writer.state.steps[index];
    const attempt = (current?.attempts ?? 0) + 1;
    const running = {
      status: 'running' as const,
      attempts: attempt,
      startedAt: current?.startedAt ?? clock.now().toISOString(),
      ...(lastError === undefined ? {} : { error: errorText(lastError) }),
      ...(possiblyDone ? { possiblyDone } : {}),
    };
    await writer.save(withStep(writer.state, index, running, { status: 'running' }));
    const outcome = await attemptOnce((signal) => step.action(stepContext(scope, index, attempt, signal)), {
      signal: options.signal,
      clock,
      timeoutMs: step.timeoutMs,
      operation: `Step "${step.name}" of saga ${definition.sagaType} "${writer.state.sagaId}"`,
    });
    if (outcome.status === 'interrupted') {
      throwIfOwnershipLost(scope);
      return { status: 'failed', error: options.sagaTimedOut(), possiblyDone: true };
    }
    if (outcome.status === 'succeeded') {
      let result: JsonValue | undefined;
      try {
        result = resultOf(outcome.value, step.name);
      } catch (error) {
        return { status: 'failed', error, possiblyDone: true };
      }
      const completed = { status: 'completed' as const, endedAt: clock.now().toISOString() };
      await writer.save(withStep(writer.state, index, result === undefined ? completed : { ...completed, result }));
      return { status: 'completed' };
    }
    if (outcome.status === 'timed_out') possiblyDone = true;
    lastError = outcome.error;
    const delayMs = step.retry?.delayBeforeRetry(attempt);
    if (delayMs === undefined) return { status: 'failed', error: outcome.error, possiblyDone };
    observer.retrying(step.name, attempt, delayMs, outcome.error);
    try {
      await clock.sleep(delayMs, options.signal);
    } catch {
      throwIfOwnershipLost(scope);
      return { status: 'failed', error: options.sagaTimedOut(), possiblyDone };
    }
  }
}

/**
 * Runs step `index` until it completes, its retries run out or the saga's signal aborts, inside a
 * `saga_step:<name>` span, and reports it to `sagaStepFinished`. Each attempt is saved as `running` (with
 * the attempt count, and the previous attempt's error) before the action is called; a step found
 * `running` (its process died mid-attempt) runs again with the same idempotency key, its attempts counting
 * on, and counts as possibly done. A result that cannot round-trip through JSON fails the step without a
 * retry, as possibly done: the action did its work.
 *
 * @internal Shared by the saga's modules; not part of the public API.
 * @throws the store's error when a save fails, and a `ConcurrencyError` once another process owns the saga.
 */
export async function runStep<I>(scope: RunScope<I>, index: number, options: StepRunOptions): Promise<StepOutcome> {
  const { definition, observer } = scope;
  const stepName = definition.steps[index]?.name ?? '';
  const startedMs = definition.clock.now().getTime();
  const span = observer.startStepSpan(stepName, 'step');
  try {
    const outcome = await attemptStep(scope, index, options);
    if (outcome.status === 'failed') span?.recordError(outcome.error);
    const durationMs = definition.clock.now().getTime() - startedMs;
    const attempts = scope.writer.state.steps[index]?.attempts ?? 0;
    observer.stepFinished(stepName, outcome.status === 'completed' ? 'success' : 'error', durationMs, attempts);
    return outcome;
  } catch (error) {
    span?.recordError(error);
    throw error;
  } finally {
    span?.end();
  }
}
