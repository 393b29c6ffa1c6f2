import type { CompensationOutcome } from '@orchestrix/core';
import type { SagaStepState } from '../saga-state';
import type { SagaCompensation } from '../saga-step';
import { attemptOnce } from './attempt-once';
import { type RunScope, stepContext } from './run-scope';
import { recordedOutcome } from './saga-failure';
import { errorText, withStep } from './stored-saga-state';

/** `true` when the step may have taken effect and its compensation has not finished. */
function needsCompensation(step: SagaStepState): boolean {
  if (step.status === 'completed' || step.status === 'compensating') return true;
  return step.possiblyDone === true && (step.status === 'failed' || step.status === 'running');
}

/** Compensates step `index` until it succeeds or its retries run out; saves every transition. */
async function compensateStep<I>(
  scope: RunScope<I>,
  index: number,
  compensation: SagaCompensation<I>,
): Promise<CompensationOutcome> {
  const { definition, writer, observer, ownership } = scope;
  const { clock } = definition;
  const step = definition.steps[index];
  const stepName = step?.name ?? '';
  const startedMs = clock.now().getTime();
  const span = observer.startStepSpan(stepName, 'compensation');
  const finish = (outcome: CompensationOutcome): CompensationOutcome => {
    const attempts = writer.state.steps[index]?.compensationAttempts ?? 0;
    const status = outcome.status === 'compensated' ? 'success' : 'error';
    if (outcome.error !== undefined) span?.recordError(outcome.error);
    observer.compensationFinished(stepName, status, clock.now().getTime() - startedMs, attempts);
    return outcome;
  };
  let lastError: unknown;
  try {
    for (;;) {
      const attempt = (writer.state.steps[index]?.compensationAttempts ?? 0) + 1;
      const compensating = {
        status: 'compensating' as const,
        compensationAttempts: attempt,
        ...(lastError === undefined ? {} : { compensationError: errorText(lastError) }),
      };
      await writer.save(withStep(writer.state, index, compensating));
      const result = writer.state.steps[index]?.result;
      const outcome = await attemptOnce(
        (signal) => compensation({ ...stepContext(scope, index, attempt, signal), result }),
        {
          signal: ownership,
          clock,
          timeoutMs: step?.timeoutMs,
          operation: `Compensation of step "${stepName}" of saga ${definition.sagaType} "${writer.state.sagaId}"`,
        },
      );
      if (outcome.status === 'interrupted') throw ownership.reason;
      const endedAt = clock.now().toISOString();
      if (outcome.status === 'succeeded') {
        await writer.save(withStep(writer.state, index, { status: 'compensated', endedAt }));
        return finish({ stepName, status: 'compensated' });
      }
      lastError = outcome.error;
      const delayMs = step?.compensationRetry?.delayBeforeRetry(attempt);
      if (delayMs === undefined) {
        const failed = { status: 'compensation_failed' as const, endedAt, compensationError: errorText(lastError) };
        await writer.save(withStep(writer.state, index, failed));
        return finish({ stepName, status: 'compensation_failed', error: lastError });
      }
      observer.retrying(stepName, attempt, delayMs, lastError);
      await clock.sleep(delayMs, ownership);
    }
  } catch (error) {
    span?.recordError(error);
    throw error;
  } finally {
    span?.end();
  }
}

/**
 * Undoes, in reverse order, every step that completed or may have taken effect (timed out, or interrupted
 * by its process's death) and has a compensation, one at a time. A failing compensation is retried by its
 * step's `compensationRetry`; when that runs out it is recorded as `compensation_failed` and the others
 * still run. Compensations an earlier process finished are not run again but are reported.
 *
 * @internal Shared by the saga's modules; not part of the public API.
 * @returns how each compensation ended, in the order they ran.
 * @throws the store's error when a save fails, and a `ConcurrencyError` once another process owns the saga.
 */
export async function runCompensations<I>(scope: RunScope<I>): Promise<CompensationOutcome[]> {
  const outcomes: CompensationOutcome[] = [];
  const { steps } = scope.definition;
  for (let index = steps.length - 1; index >= 0; index -= 1) {
    const compensation = steps[index]?.compensation;
    const step = scope.writer.state.steps[index];
    if (compensation === undefined || step === undefined) continue;
    const recorded = recordedOutcome(step);
    if (recorded !== undefined) outcomes.push(recorded);
    else if (needsCompensation(step)) outcomes.push(await compensateStep(scope, index, compensation));
  }
  return outcomes;
}
