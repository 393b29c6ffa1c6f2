import { OrchestrixError } from '@orchestrix/core';

/** A read asked for `?after=<position>`, and the projections did not get there in time. Retryable. */
export class ReadModelBehindError extends OrchestrixError {
  readonly code = 'READ_MODEL_BEHIND';
  /** The position the read waited for. */
  readonly position: bigint;
  readonly timeoutMs: number;

  constructor(position: bigint, timeoutMs: number, options: { cause?: unknown } = {}) {
    super(
      `The read model has not reached position ${position} within ${timeoutMs} ms: retry later, and check GET /health.`,
      { ...options, retryable: true },
    );
    this.position = position;
    this.timeoutMs = timeoutMs;
  }
}
