import { type RetryPolicy, ValidationError } from '@orchestrix/core';
import { validateTimeoutMs } from './internal/validate-timeout-ms';
import type { SagaCompensationContext, SagaStepContext } from './saga-step-context';

/** A step's action: does the step's work and returns its result (JSON data, or nothing). */
export type SagaStepAction<I = unknown> = (context: SagaStepContext<I>) => unknown;

/** A step's compensation: undoes what the action did. It must be idempotent, as it may run more than once. */
export type SagaCompensation<I = unknown> = (context: SagaCompensationContext<I>) => unknown;

/** Options of {@link SagaStep}. */
export interface SagaStepOptions<I = unknown> {
  /** Unique within its saga; it names the step in the state, the idempotency key, errors and metrics. */
  readonly name: string;
  readonly action: SagaStepAction<I>;
  /** Undoes the action when a later step fails; a step without one has nothing to undo. */
  readonly compensation?: SagaCompensation<I>;
  /** Bounds each attempt of the action and of the compensation, in milliseconds (at most about 24.8 days); none unless given. */
  readonly timeoutMs?: number;
  /** Retries a failed or timed-out action; no retry unless given. */
  readonly retry?: RetryPolicy;
  /** Retries a failed or timed-out compensation; `retry` unless given. */
  readonly compensationRetry?: RetryPolicy;
}

function validateRetryPolicy(policy: RetryPolicy | undefined, field: string): void {
  if (policy === undefined) return;
  const maxRetries = (policy as Partial<RetryPolicy> | null)?.maxRetries;
  if (typeof policy?.delayBeforeRetry !== 'function') {
    throw new ValidationError(
      field,
      policy,
      `${field} must be a RetryPolicy, e.g. new FixedDelay({ maxRetries: 2, delayMs: 100 })`,
    );
  }
  if (typeof maxRetries !== 'number' || !Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new ValidationError(`${field}.maxRetries`, maxRetries, `${field}.maxRetries must be a non-negative integer`);
  }
}

/**
 * One step of a saga: an action, optionally a compensation that undoes it, a per-attempt timeout and
 * retry policies. Steps are definitions: one step serves every execution of its saga.
 *
 * @throws {@link ValidationError} naming the option when the name is empty, the action or compensation is
 * not a function, the timeout is not positive (or longer than about 24.8 days) or a retry policy is not usable.
 * @example
 * new SagaStep({ name: 'payment', action: processPayment, compensation: refundPayment, timeoutMs: 5000 });
 */
export class SagaStep<I = unknown> {
  readonly name: string;
  readonly action: SagaStepAction<I>;
  readonly compensation: SagaCompensation<I> | undefined;
  readonly timeoutMs: number | undefined;
  readonly retry: RetryPolicy | undefined;
  readonly compensationRetry: RetryPolicy | undefined;

  constructor(options: SagaStepOptions<I>) {
    if (typeof options?.name !== 'string' || options.name.trim() === '') {
      throw new ValidationError('name', options?.name, 'name cannot be empty');
    }
    if (typeof options.action !== 'function') {
      throw new ValidationError('action', options.action, `action of step "${options.name}" must be a function`);
    }
    if (options.compensation !== undefined && typeof options.compensation !== 'function') {
      throw new ValidationError(
        'compensation',
        options.compensation,
        `compensation of step "${options.name}" must be a function`,
      );
    }
    validateTimeoutMs(options.timeoutMs, 'timeoutMs');
    validateRetryPolicy(options.retry, 'retry');
    validateRetryPolicy(options.compensationRetry, 'compensationRetry');
    this.name = options.name;
    this.action = options.action;
    this.compensation = options.compensation;
    this.timeoutMs = options.timeoutMs;
    this.retry = options.retry;
    this.compensationRetry = options.compensationRetry ?? options.retry;
    Object.freeze(this);
  }
}
