import { OrchestrixError } from './orchestrix-error';

/** An operation did not finish within its time budget. */
export class TimeoutError extends OrchestrixError {
  readonly code = 'TIMEOUT';
  readonly operation: string;
  readonly timeoutMs: number;

  constructor(operation: string, timeoutMs: number, options: { cause?: unknown } = {}) {
    super(`${operation} did not finish within ${timeoutMs} ms: raise the timeout or find what blocks it.`, {
      ...options,
      retryable: true,
    });
    this.operation = operation;
    this.timeoutMs = timeoutMs;
  }
}
