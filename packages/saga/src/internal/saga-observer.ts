import { currentMessageContext, type OperationStatus, type Span, type SpanOptions } from '@orchestrix/core';
import type { SagaSettings } from './resolve-saga-options';

/** The terminal statuses the `sagaFinished` hook reports. */
type FinishedStatus = 'completed' | 'compensated' | 'failed';

/**
 * Calls one run's observability hooks: the metrics hooks, a `execute_saga:<sagaType>` span with a child
 * span per step and compensation, and the logger. A hook that throws is logged and never stops the saga.
 *
 * @internal Shared by the saga's modules; not part of the public API.
 */
export class SagaObserver {
  readonly #definition: SagaSettings;
  readonly #sagaId: string;
  readonly #span: Span | undefined;

  /** @param startedIn - The traceparent stored when the saga started: a resume outside any flow continues it. */
  constructor(definition: SagaSettings, sagaId: string, resumed: boolean, startedIn?: string) {
    this.#definition = definition;
    this.#sagaId = sagaId;
    const parent = currentMessageContext()?.traceparent ?? startedIn;
    this.#span = definition.tracer?.startSpan(`execute_saga:${definition.sagaType}`, {
      kind: 'internal',
      attributes: {
        'orchestrix.saga.type': definition.sagaType,
        'orchestrix.saga.id': sagaId,
        'orchestrix.saga.resumed': resumed,
      },
      ...(parent === undefined ? {} : { parent }),
    });
    this.#safely(() => definition.metrics?.sagaStarted?.({ sagaType: definition.sagaType, resumed }));
  }

  /** Starts the span of one step's action (`saga_step:<name>`) or compensation (`saga_compensation:<name>`). */
  startStepSpan(stepName: string, phase: 'step' | 'compensation'): Span | undefined {
    const tracer = this.#definition.tracer;
    if (tracer === undefined) return undefined;
    const options: SpanOptions = {
      kind: 'internal',
      attributes: { 'orchestrix.saga.type': this.#definition.sagaType, 'orchestrix.saga.step': stepName },
      ...(this.#span === undefined ? {} : { parent: this.#span.traceparent }),
    };
    return this.#safely(() => tracer.startSpan(`saga_${phase}:${stepName}`, options));
  }

  /** Reports a step's action that completed (`success`) or failed with no retry left (`error`). */
  stepFinished(stepName: string, status: OperationStatus, durationMs: number, attempts: number): void {
    const { metrics, sagaType } = this.#definition;
    this.#safely(() => metrics?.sagaStepFinished?.({ sagaType, stepName, status, durationMs, attempts }));
  }

  /** Reports a compensation that undid its step (`success`) or ran out of retries (`error`). */
  compensationFinished(stepName: string, status: OperationStatus, durationMs: number, attempts: number): void {
    const { metrics, sagaType } = this.#definition;
    this.#safely(() => metrics?.sagaCompensated?.({ sagaType, stepName, status, durationMs, attempts }));
  }

  /** Reports a terminal status; `durationMs` runs from the saga's first save. */
  sagaFinished(status: FinishedStatus, durationMs: number): void {
    const { metrics, sagaType, logger } = this.#definition;
    if (status === 'failed') logger.error('Saga failed: a compensation failed, a person must look', this.#context());
    this.#safely(() => metrics?.sagaFinished?.({ sagaType, status, durationMs }));
  }

  /** Logs a retry of an action or compensation. */
  retrying(stepName: string, attempt: number, delayMs: number, error: unknown): void {
    this.#definition.logger.warn('Saga step attempt failed: retrying', {
      ...this.#context(),
      stepName,
      attempt,
      delayMs,
      error,
    });
  }

  /** Ends the run's span, recording `error` when the run did not end well. */
  runEnded(error?: unknown): void {
    const span = this.#span;
    if (span === undefined) return;
    this.#safely(() => {
      if (error !== undefined) span.recordError(error);
      span.end();
    });
  }

  #context(): Record<string, unknown> {
    return { sagaType: this.#definition.sagaType, sagaId: this.#sagaId };
  }

  #safely<T>(hook: () => T): T | undefined {
    try {
      return hook();
    } catch (error) {
      this.#definition.logger.warn('A saga observability hook threw: hooks must not throw', {
        ...this.#context(),
        error,
      });
      return undefined;
    }
  }
}
