import { type Clock, TimeoutError } from '@orchestrix/core';
import type { SagaState } from '../saga-state';
import { LeaseHeartbeat } from './lease-heartbeat';
import type { SagaDefinition } from './resolve-saga-options';
import { runCompensations } from './run-compensations';
import { type RunScope, throwIfOwnershipLost } from './run-scope';
import { runStep, type StepOutcome } from './run-step';
import { sagaErrorOf } from './saga-failure';
import { SagaObserver } from './saga-observer';
import type { SagaStateWriter } from './saga-state-writer';
import { errorText, withStep } from './stored-saga-state';

/** A signal that aborts at `deadline` (ISO 8601), at once when it has passed; none without a deadline. */
function deadlineSignal(clock: Clock, deadline: string | undefined): AbortSignal | undefined {
  if (deadline === undefined) return undefined;
  const remainingMs = Date.parse(deadline) - clock.now().getTime();
  return remainingMs <= 0 ? AbortSignal.abort() : clock.timeoutSignal(remainingMs);
}

/** Milliseconds from the saga's first save to now. */
function sagaDurationMs<I>(scope: RunScope<I>): number {
  return scope.definition.clock.now().getTime() - Date.parse(scope.writer.state.startedAt);
}

/**
 * Runs the steps from the first one not completed. On a failure (or the saga's timeout) saves the failed
 * step and the saga's move to `compensating` in one transition and returns the cause; else saves `completed`.
 */
async function runForward<I>(scope: RunScope<I>): Promise<{ readonly cause: unknown } | undefined> {
  const { definition, writer } = scope;
  const sagaTimeout = deadlineSignal(definition.clock, writer.state.deadline);
  const signal = sagaTimeout === undefined ? scope.ownership : AbortSignal.any([scope.ownership, sagaTimeout]);
  const sagaTimedOut = (): Error =>
    new TimeoutError(`Saga ${definition.sagaType} "${writer.state.sagaId}"`, definition.timeoutMs ?? 0);
  for (const [index, step] of definition.steps.entries()) {
    const found = writer.state.steps[index];
    if (found?.status === 'completed') continue;
    throwIfOwnershipLost(scope);
    const outcome: StepOutcome = signal.aborted
      ? { status: 'failed', error: sagaTimedOut(), possiblyDone: found?.status === 'running' }
      : await runStep(scope, index, { signal, sagaTimedOut });
    if (outcome.status === 'failed') {
      const error = errorText(outcome.error);
      // A step the saga's timeout stopped before its first attempt stays pending: it never ran.
      const stepChanges =
        writer.state.steps[index]?.status === 'pending'
          ? {}
          : {
              status: 'failed' as const,
              endedAt: definition.clock.now().toISOString(),
              error,
              ...(outcome.possiblyDone ? { possiblyDone: true } : {}),
            };
      await writer.save(
        withStep(writer.state, index, stepChanges, { status: 'compensating', failedStep: step.name, error }),
      );
      return { cause: outcome.error };
    }
  }
  await writer.save({ ...writer.state, status: 'completed', endedAt: definition.clock.now().toISOString() });
  scope.observer.sagaFinished('completed', sagaDurationMs(scope));
  return undefined;
}

/**
 * Runs a saga that is `pending`, `running` or `compensating` to a terminal status, holding its lease (renewed
 * by a heartbeat) and saving every transition. Resolves with the final state when it completed; rejects
 * with `SagaError` once it was compensated (or a compensation failed), with `ConcurrencyError` when another
 * process took the saga over, and with the store's error when a save failed (resume continues it then).
 *
 * @internal Shared by the saga's modules; not part of the public API.
 */
export async function runSaga<I>(
  definition: SagaDefinition<I>,
  writer: SagaStateWriter,
  resumed: boolean,
): Promise<SagaState> {
  const heartbeat = new LeaseHeartbeat(definition, writer);
  const observer = new SagaObserver(definition, writer.state.sagaId, resumed, writer.state.traceparent);
  const scope: RunScope<I> = { definition, writer, observer, ownership: heartbeat.ownership };
  heartbeat.start();
  let failure: unknown;
  try {
    let cause: unknown;
    if (writer.state.status !== 'compensating') {
      const failed = await runForward(scope);
      if (failed === undefined) return writer.snapshot();
      cause = failed.cause;
    }
    const outcomes = await runCompensations(scope);
    const status = outcomes.some((outcome) => outcome.status === 'compensation_failed') ? 'failed' : 'compensated';
    await writer.save({ ...writer.state, status, endedAt: definition.clock.now().toISOString() });
    observer.sagaFinished(status, sagaDurationMs(scope));
    failure = cause === undefined ? sagaErrorOf(writer.state, outcomes) : sagaErrorOf(writer.state, outcomes, cause);
    throw failure;
  } catch (error) {
    failure = error;
    throw error;
  } finally {
    await heartbeat.stop();
    observer.runEnded(failure);
  }
}
