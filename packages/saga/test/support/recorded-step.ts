import type { RetryPolicy } from '@orchestrix/core';
import type { SagaStepContext, SagaStepOptions } from '@orchestrix/saga';
import type { StepRecorder } from './step-recorder';

/** The input of the order saga the tests run. */
export interface OrderInput {
  readonly orderId: string;
  readonly amount: number;
}

/** What a step's action threw: tests assert on this class. */
export class StepFailedError extends Error {
  readonly stepName: string;

  constructor(stepName: string, attempt: number) {
    super(`${stepName} failed on attempt ${attempt}`);
    this.name = 'StepFailedError';
    this.stepName = stepName;
  }
}

/** What a step's compensation threw. */
export class CompensationFailedError extends Error {
  constructor(stepName: string, attempt: number) {
    super(`compensation of ${stepName} failed on attempt ${attempt}`);
    this.name = 'CompensationFailedError';
  }
}

/** How a recorded step behaves. */
export interface StepBehaviour {
  /** How many attempts fail before one succeeds; `always` never succeeds. */
  readonly failures?: number | 'always';
  /** How many attempts wait for their signal to abort (then reject with its reason) before one goes on. */
  readonly hangs?: number | 'always';
  /** Every attempt waits forever, ignoring its signal: its process "died" mid-step. */
  readonly neverSettles?: boolean;
  /** Every attempt waits for this promise before it goes on. */
  readonly waitsFor?: Promise<void>;
  /** What the action returns; `{ stepName, attempt }` unless given. */
  readonly result?: (context: SagaStepContext<OrderInput>) => unknown;
  /** How many compensation attempts fail before one succeeds; `always` never succeeds. */
  readonly compensationFailures?: number | 'always';
  /** Every compensation attempt waits forever, ignoring its signal: its process "died" mid-compensation. */
  readonly compensationNeverSettles?: boolean;
  /** How many compensation attempts hang until their signal aborts. */
  readonly compensationHangs?: number | 'always';
  /** `false` leaves the step without a compensation. */
  readonly compensates?: boolean;
  readonly timeoutMs?: number;
  readonly retry?: RetryPolicy;
  readonly compensationRetry?: RetryPolicy;
}

function exceeds(attempt: number, limit: number | 'always' | undefined): boolean {
  return limit === 'always' || attempt <= (limit ?? 0);
}

function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/** A step of the order saga that records its calls in `recorder` and behaves as `behaviour` says. */
export function recordedStep(
  recorder: StepRecorder,
  name: string,
  behaviour: StepBehaviour = {},
): SagaStepOptions<OrderInput> {
  return {
    name,
    action: async (context) => {
      recorder.record('action', context);
      if (behaviour.neverSettles === true) return new Promise(() => undefined);
      await behaviour.waitsFor;
      if (exceeds(context.attempt, behaviour.hangs)) await untilAborted(context.signal);
      if (exceeds(context.attempt, behaviour.failures)) throw new StepFailedError(name, context.attempt);
      return behaviour.result === undefined ? { stepName: name, attempt: context.attempt } : behaviour.result(context);
    },
    ...(behaviour.compensates === false
      ? {}
      : {
          compensation: async (context) => {
            recorder.record('compensation', context);
            if (behaviour.compensationNeverSettles === true) return new Promise(() => undefined);
            if (exceeds(context.attempt, behaviour.compensationHangs)) await untilAborted(context.signal);
            if (exceeds(context.attempt, behaviour.compensationFailures)) {
              throw new CompensationFailedError(name, context.attempt);
            }
          },
        }),
    ...(behaviour.timeoutMs === undefined ? {} : { timeoutMs: behaviour.timeoutMs }),
    ...(behaviour.retry === undefined ? {} : { retry: behaviour.retry }),
    ...(behaviour.compensationRetry === undefined ? {} : { compensationRetry: behaviour.compensationRetry }),
  };
}

/** The input the tests execute with. */
export const ORDER: OrderInput = Object.freeze({ orderId: 'order-1', amount: 99 });
