import type { JsonValue } from '@orchestrix/core';

/** What a step's action receives. */
export interface SagaStepContext<I = unknown> {
  /** The saga's input, through the JSON codec (a `Date` arrives as its ISO string), frozen. */
  readonly input: I;
  /** The results of the steps completed so far, by step name, through the JSON codec. */
  readonly results: Readonly<Record<string, JsonValue>>;
  readonly sagaId: string;
  readonly sagaType: string;
  readonly stepName: string;
  /** 1 on the first try; it keeps counting across retries and across processes that resumed the saga. */
  readonly attempt: number;
  /**
   * `${sagaId}:${stepName}`, the same on every attempt, after a resume and for the compensation: pass it to
   * the system the step calls, so that it recognises a repeated call.
   */
  readonly idempotencyKey: string;
  /**
   * Aborts when the attempt timed out, the saga timed out, or another process took the saga over: stop
   * the work. The saga does not wait for an aborted action to settle.
   */
  readonly signal: AbortSignal;
}

/** What a step's compensation receives: the action's context, plus the step's own result. */
export interface SagaCompensationContext<I = unknown> extends SagaStepContext<I> {
  /**
   * What the step's action returned, through the JSON codec; `undefined` when it returned nothing or its
   * outcome is unknown (it timed out, or its process died while it ran).
   */
  readonly result: JsonValue | undefined;
}
