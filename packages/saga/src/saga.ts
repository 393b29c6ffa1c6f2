import {
  currentMessageContext,
  deepFreezeJson,
  normalizeJson,
  type ObservabilityHooks,
  type SagaStateRecord,
  uuidv7,
  ValidationError,
  validateNotEmpty,
} from '@orchestrix/core';
import { readSagaState } from './internal/read-saga-state';
import { resolveSagaOptions, type SagaDefinition } from './internal/resolve-saga-options';
import { runSaga } from './internal/run-saga';
import { recordedSagaError } from './internal/saga-failure';
import { SagaStateWriter } from './internal/saga-state-writer';
import type { StoredSagaState } from './internal/stored-saga-state';
import type { SagaOptions } from './saga-options';
import { isTerminalSagaStatus, type SagaState } from './saga-state';
import type { SagaStep } from './saga-step';

/** Options of {@link Saga.execute}. */
export interface SagaExecuteOptions {
  /** The new saga's id; a UUID v7 unless given. An id that is already stored rejects with `ConcurrencyError`. */
  readonly sagaId?: string;
}

/**
 * A saga definition: steps run in order, each saved before and after it runs; when one fails (after its
 * retries) or times out, the steps done are compensated in reverse order. One `Saga` executes any number
 * of sagas, each with its own id and durable state in the `stateStore`; a saga whose process died is
 * continued by {@link Saga.resume} or a {@link SagaRecoveryWorker}.
 *
 * @throws {@link ValidationError} at construction, naming the option: an empty `sagaType`, two steps with
 * one name, an action that is not a function, a timeout or lease that is not positive, a bad retry policy.
 * @example
 * const saga = new Saga({
 *   sagaType: 'OrderSaga',
 *   steps: [
 *     new SagaStep({ name: 'payment', action: processPayment, compensation: refundPayment, timeoutMs: 5000 }),
 *     new SagaStep({ name: 'confirm', action: confirmOrder }),
 *   ],
 *   stateStore: new InMemorySagaStateStore(),
 *   timeoutMs: 30_000,
 * });
 * await saga.execute({ orderId: '123', amount: 99 });
 */
export class Saga<I = unknown> {
  /** Names the kind of saga, as given. */
  readonly sagaType: string;
  #definition: SagaDefinition<I>;
  #state: SagaState | undefined;
  #runs = 0;

  constructor(options: SagaOptions<I>) {
    this.#definition = resolveSagaOptions(options);
    this.sagaType = this.#definition.sagaType;
  }

  /**
   * Continues the stored saga `sagaId` with a new `Saga` built from `options` (the constructor's), as
   * {@link Saga.resume} on an instance does.
   *
   * @example
   * const state = await Saga.resume(sagaId, { sagaType: 'OrderSaga', steps, stateStore });
   */
  static async resume<I>(sagaId: string, options: SagaOptions<I>): Promise<SagaState> {
    return new Saga(options).resume(sagaId);
  }

  /**
   * Reports to `hooks` from now on, in place of the `metrics` and `tracer` it was built with (a hook left
   * out is kept); runs already in progress keep the hooks they started with. `@orchestrix/observability`'s
   * `instrumentSaga` calls it.
   *
   * @returns This saga.
   * @example saga.observe({ metrics, tracer });
   */
  observe(hooks: ObservabilityHooks): this {
    this.#definition = Object.freeze({
      ...this.#definition,
      ...(hooks.metrics === undefined ? {} : { metrics: hooks.metrics }),
      ...(hooks.tracer === undefined ? {} : { tracer: hooks.tracer }),
    });
    return this;
  }

  /** The steps, in order. */
  get steps(): readonly SagaStep<I>[] {
    return this.#definition.steps;
  }

  /** The plain, frozen state of this instance's latest execution or resume as last saved; `undefined` before one. */
  get state(): SagaState | undefined {
    return this.#state;
  }

  /** `true` once the latest execution reached a terminal status: `completed`, `compensated` or `failed`. */
  isCompleted(): boolean {
    return this.#state !== undefined && isTerminalSagaStatus(this.#state.status);
  }

  /** `true` only when the latest execution `completed`. */
  isSuccessful(): boolean {
    return this.#state?.status === 'completed';
  }

  /**
   * Starts a new saga with `input` and runs it to its end. The input goes through the JSON codec first:
   * one that cannot round-trip rejects with `SerializationError` before anything is saved.
   *
   * @returns The final state, `completed`.
   * @throws {@link SagaError} when a step failed or timed out and the steps done were compensated (status
   * `compensated`), or a compensation failed too (status `failed`): `compensations` tells which.
   * @throws {@link ConcurrencyError} when `sagaId` is already stored, or another process took the saga over.
   * @throws the state store's error when a save failed: the saga stays as last saved, and `resume`
   * continues it once the store is back.
   * @example
   * const state = await saga.execute({ orderId: '123', amount: 99 }, { sagaId: 'order-123' });
   */
  async execute(input: I, options: SagaExecuteOptions = {}): Promise<SagaState> {
    const definition = this.#definition;
    const sagaId = options.sagaId ?? uuidv7();
    validateNotEmpty(sagaId, 'sagaId');
    const normalizedInput = deepFreezeJson(normalizeJson(input, 'input'));
    const nowMs = definition.clock.now().getTime();
    const traceparent = currentMessageContext()?.traceparent;
    const initial: StoredSagaState = {
      sagaId,
      sagaType: definition.sagaType,
      status: 'pending',
      input: normalizedInput,
      steps: definition.steps.map((step) => ({ name: step.name, status: 'pending', attempts: 0 })),
      startedAt: new Date(nowMs).toISOString(),
      ...(definition.timeoutMs === undefined ? {} : { deadline: new Date(nowMs + definition.timeoutMs).toISOString() }),
      ...(traceparent === undefined ? {} : { traceparent }),
    };
    const writer = new SagaStateWriter(definition, initial, 0, this.#tracker());
    await writer.save(initial);
    return runSaga(definition, writer, false);
  }

  /**
   * Continues a stored saga whose process died (or whose store failed): completed steps never run again,
   * the step that was in flight runs again with the same idempotency key (its attempts counting on, and
   * counted as possibly done), and a saga that was compensating goes on compensating. A saga that already
   * ended resolves or rejects as it ended. It takes the saga over from whichever process holds it: that
   * process's next save fails with `ConcurrencyError`, and of two concurrent resumes exactly one proceeds.
   *
   * @param from - The saga's id, or a record the store returned (e.g. from `claimExpired`), used as is.
   * @returns The final state, `completed`.
   * @throws {@link ValidationError} when the saga is not stored, is of another type, or was saved with other steps.
   * @throws as {@link Saga.execute} does.
   * @example
   * const state = await saga.resume('order-123');
   */
  async resume(from: string | SagaStateRecord): Promise<SagaState> {
    const record = typeof from === 'string' ? await this.#definition.stateStore.load(from) : from;
    if (record === undefined) {
      throw new ValidationError('sagaId', from, `Saga "${String(from)}" has no saved state: check the id.`);
    }
    const state = readSagaState(this.#definition, record);
    const writer = new SagaStateWriter(this.#definition, state, record.version, this.#tracker());
    if (isTerminalSagaStatus(state.status)) {
      this.#state = writer.snapshot();
      if (state.status === 'completed') return this.#state;
      throw recordedSagaError(state);
    }
    return runSaga(this.#definition, writer, true);
  }

  /** Records saves into `state` for the run it is made for, as long as no later run started. */
  #tracker(): (state: SagaState) => void {
    this.#runs += 1;
    const run = this.#runs;
    return (state) => {
      if (run === this.#runs) this.#state = state;
    };
  }
}
