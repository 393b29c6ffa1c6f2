import type { Clock, Logger, Metrics, SagaStateStore, Tracer } from '@orchestrix/core';
import type { SagaStep, SagaStepOptions } from './saga-step';

/** Options of {@link Saga} and of `Saga.resume`. */
export interface SagaOptions<I = unknown> {
  /** Names the kind of saga in its state, errors, metrics and spans, e.g. `OrderSaga`. */
  readonly sagaType: string;
  /** Run in order; names must be unique. Plain options are turned into {@link SagaStep}s. */
  readonly steps: readonly (SagaStep<I> | SagaStepOptions<I>)[];
  /** Where the state is saved after every transition. */
  readonly stateStore: SagaStateStore;
  /**
   * Bounds the whole saga, from its first save, in milliseconds: when it runs out, the step in flight is
   * aborted, counted as possibly done, and everything done is compensated. Compensation itself is not
   * bounded by it. At most 2 147 483 647 (about 24.8 days); none unless given.
   */
  readonly timeoutMs?: number;
  /** Where time is read and waited for (timeouts, retry delays, the lease heartbeat); `systemClock` unless given. */
  readonly clock?: Clock;
  /** Receives the saga hooks (`sagaStarted`, `sagaStepFinished`, `sagaCompensated`, `sagaFinished`). */
  readonly metrics?: Metrics;
  /** Starts an `execute_saga:<sagaType>` span per run, with `saga_step:<name>` and `saga_compensation:<name>` children. */
  readonly tracer?: Tracer;
  /** Logs retries, failures and lost leases; nothing unless given. */
  readonly logger?: Logger;
  /** How long a run's lease on its saga lasts unless renewed, in milliseconds; 30 000 unless given. */
  readonly leaseMs?: number;
  /** Names this process in leases; `saga-<uuid v7>`, one per `Saga`, unless given. */
  readonly owner?: string;
}
