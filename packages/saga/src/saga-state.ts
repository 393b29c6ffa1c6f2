import type { JsonValue } from '@orchestrix/core';

/**
 * Where a saga is: `pending` once saved and before its first step, `running` while steps run,
 * `compensating` while earlier steps are undone, and then one of the terminal statuses: `completed` (every
 * step succeeded), `compensated` (a step failed and everything done was undone) or `failed` (a
 * compensation failed too: a person must look).
 */
export type SagaStatus = 'pending' | 'running' | 'completed' | 'compensating' | 'compensated' | 'failed';

/**
 * Where one step is: `pending`, `running` (an attempt in flight), `completed`, `failed` (no retry left),
 * `compensating`, `compensated` or `compensation_failed` (its compensation's retries ran out).
 */
export type SagaStepStatus =
  | 'pending'
  | 'running'
  | 'completed'
  | 'failed'
  | 'compensating'
  | 'compensated'
  | 'compensation_failed';

/** One step of a {@link SagaState}: plain JSON data, frozen. */
export interface SagaStepState {
  readonly name: string;
  readonly status: SagaStepStatus;
  /** How many times the action was started, across every process that ran the saga. */
  readonly attempts: number;
  /** What the action returned, through the JSON codec; absent until it completed, or when it returned nothing. */
  readonly result?: JsonValue;
  /** The last failed attempt's error, as `Name: message`. */
  readonly error?: string;
  /** ISO 8601 UTC time the first attempt started. */
  readonly startedAt?: string;
  /** ISO 8601 UTC time the step (or, later, its compensation) ended. */
  readonly endedAt?: string;
  /**
   * `true` when an attempt's outcome is unknown (it timed out, or its process died while it ran): the step
   * may have taken effect, so it is compensated like a completed one.
   */
  readonly possiblyDone?: boolean;
  /** How many times the compensation was started. */
  readonly compensationAttempts?: number;
  /** The last failed compensation attempt's error, as `Name: message`. */
  readonly compensationError?: string;
}

/**
 * A saga's durable state, as `saga.state` gives it and the state store keeps it (without `version`, which
 * the store's record carries): plain JSON data, frozen.
 */
export interface SagaState {
  readonly sagaId: string;
  readonly sagaType: string;
  readonly status: SagaStatus;
  /** The input `execute` was given, through the JSON codec (dates as ISO strings). */
  readonly input: JsonValue;
  /** The state store's version of this state: it increases by one with every save. */
  readonly version: number;
  /** One entry per step of the saga, in order. */
  readonly steps: readonly SagaStepState[];
  /** ISO 8601 UTC time of the saga's first save. */
  readonly startedAt: string;
  /** ISO 8601 UTC time the saga reached a terminal status. */
  readonly endedAt?: string;
  /** ISO 8601 UTC time the saga times out, when it has a `timeoutMs`. */
  readonly deadline?: string;
  /** The step that failed or timed out, once the saga compensates. */
  readonly failedStep?: string;
  /** Why the saga compensates, as `Name: message`. */
  readonly error?: string;
  /**
   * W3C traceparent of the flow that started the saga (the handler or span `execute` ran in): a resume, in
   * this process or another, continues that trace.
   */
  readonly traceparent?: string;
}

/** The statuses a saga leaves no more: `completed`, `compensated` and `failed`. */
export const TERMINAL_SAGA_STATUSES: readonly SagaStatus[] = Object.freeze(['completed', 'compensated', 'failed']);

/** The statuses of a saga that still has work to do, which a recovery worker claims once its lease expired. */
export const ACTIVE_SAGA_STATUSES: readonly SagaStatus[] = Object.freeze(['pending', 'running', 'compensating']);

/**
 * `true` for a terminal status: `completed`, `compensated` or `failed`.
 *
 * @example
 * if (isTerminalSagaStatus(state.status)) console.log('done', state.status);
 */
export function isTerminalSagaStatus(status: SagaStatus): boolean {
  return TERMINAL_SAGA_STATUSES.includes(status);
}
