import type { OperationStatus } from '@orchestrix/core';
import type { MetricCatalogue } from './metric-catalogue';

/** A saga's terminal status, as the `sagaFinished` hook reports it. */
type SagaOutcome = 'completed' | 'compensated' | 'failed';

/**
 * Writes what happened into the catalogue's series: the one place each kind of sample becomes metrics,
 * shared by the trackers and the hooks of {@link PrometheusMetrics}, so both produce the same series.
 *
 * @internal Not part of the public API.
 */
export class MetricRecorder {
  readonly #catalogue: MetricCatalogue;

  constructor(catalogue: MetricCatalogue) {
    this.#catalogue = catalogue;
  }

  /** An event publish: `events_total` and `events_processing_seconds`. */
  event(eventType: string, status: OperationStatus, seconds: number): void {
    this.#catalogue.eventsTotal.inc({ event_type: eventType, status });
    this.#catalogue.eventsProcessing.observe({ event_type: eventType }, seconds);
  }

  /** A command handled: `commands_total` and `commands_latency_seconds`. */
  command(commandType: string, status: OperationStatus, seconds: number): void {
    this.#catalogue.commandsTotal.inc({ command_type: commandType, status });
    this.#catalogue.commandsLatency.observe({ command_type: commandType }, seconds);
  }

  /** One attempt of a bus handler: `handler_attempts_total` and `handler_duration_seconds`. */
  handlerAttempt(messageType: string, handlerName: string, status: OperationStatus, seconds: number): void {
    const labels = { message_type: messageType, handler_name: handlerName };
    this.#catalogue.handlerAttemptsTotal.inc({ ...labels, status });
    if (Number.isFinite(seconds) && seconds >= 0) this.#catalogue.handlerDuration.observe(labels, seconds);
  }

  /** A message dead-lettered for a handler (or projection): `dead_letters_total`. */
  deadLetter(messageType: string, handlerName: string): void {
    this.#catalogue.deadLettersTotal.inc({ message_type: messageType, handler_name: handlerName });
  }

  /**
   * An aggregate load: `aggregates_loaded_total` or `aggregates_load_errors_total`, the load time, and
   * the events replayed when known.
   */
  aggregateLoad(aggregateType: string, status: OperationStatus, seconds: number, eventCount?: number): void {
    const labels = { aggregate_type: aggregateType };
    if (status === 'success') this.#catalogue.aggregatesLoaded.inc(labels);
    else this.#catalogue.aggregatesLoadErrors.inc(labels);
    this.#catalogue.aggregatesLoadTime.observe(labels, seconds);
    if (status === 'success' && eventCount !== undefined && Number.isFinite(eventCount) && eventCount >= 0) {
      this.#catalogue.aggregatesLoadEvents.observe(labels, eventCount);
    }
  }

  /** The application's count of aggregates it holds: `aggregates_in_memory`. */
  aggregatesInMemory(aggregateType: string, count: number): void {
    this.#catalogue.aggregatesInMemory.set({ aggregate_type: aggregateType }, count);
  }

  /** A repository `handle()` call: `repository_commands_total`, its time and its concurrency retries. */
  repositoryCommand(aggregateType: string, status: OperationStatus, seconds: number, attempts: number): void {
    const labels = { aggregate_type: aggregateType };
    this.#catalogue.repositoryCommandsTotal.inc({ ...labels, status });
    if (Number.isFinite(seconds) && seconds >= 0) this.#catalogue.repositoryCommand.observe(labels, seconds);
    const retries = Number.isInteger(attempts) && attempts > 1 ? attempts - 1 : 0;
    this.#catalogue.repositoryCommandRetriesTotal.inc(labels, retries);
  }

  /** A store operation: `storage_operations_total` and `storage_operation_seconds`. */
  storage(operationType: string, status: OperationStatus, seconds: number): void {
    this.#catalogue.storageOperationsTotal.inc({ operation_type: operationType, status });
    this.#catalogue.storageOperation.observe({ operation_type: operationType }, seconds);
  }

  /**
   * A projection batch: `projection_update_seconds`, `projection_healthy`, and `projection_errors_total`
   * on error or `projection_events_processed_total` (when `eventCount` is known) on success.
   */
  projectionUpdate(projectionName: string, status: OperationStatus, seconds: number, eventCount?: number): void {
    const labels = { projection_name: projectionName };
    this.#catalogue.projectionUpdate.observe(labels, seconds);
    this.#catalogue.projectionHealthy.set(labels, status === 'success' ? 1 : 0);
    if (status === 'error') this.#catalogue.projectionErrorsTotal.inc(labels);
    else if (eventCount !== undefined && Number.isInteger(eventCount) && eventCount >= 0) {
      this.#catalogue.projectionEventsProcessed.inc(labels, eventCount);
    }
  }

  /** How many events a projection is behind: `projection_events_behind`. */
  projectionLag(projectionName: string, behind: number): void {
    this.#catalogue.projectionEventsBehind.set({ projection_name: projectionName }, behind);
  }

  /** A saga run begun: `saga_started_total`. */
  sagaStarted(sagaType: string, resumed: boolean): void {
    this.#catalogue.sagaStartedTotal.inc({ saga_type: sagaType, resumed: String(resumed) });
  }

  /** A saga step's action finished: `saga_steps_total` and `saga_step_seconds`. */
  sagaStep(sagaType: string, stepName: string, status: OperationStatus, seconds: number): void {
    const labels = { saga_type: sagaType, step_name: stepName };
    this.#catalogue.sagaStepsTotal.inc({ ...labels, status });
    if (Number.isFinite(seconds) && seconds >= 0) this.#catalogue.sagaStep.observe(labels, seconds);
  }

  /** A saga compensation finished: `saga_compensations_total`. */
  sagaCompensation(sagaType: string, stepName: string, status: OperationStatus): void {
    this.#catalogue.sagaCompensationsTotal.inc({ saga_type: sagaType, step_name: stepName, status });
  }

  /**
   * A saga run ended: `saga_executions_total` and `saga_duration_seconds`, and `saga_outcomes_total` when
   * its terminal status is known.
   */
  sagaExecution(sagaType: string, status: OperationStatus, seconds: number, outcome?: SagaOutcome): void {
    const labels = { saga_type: sagaType };
    this.#catalogue.sagaExecutionsTotal.inc({ ...labels, status });
    this.#catalogue.sagaDuration.observe(labels, seconds);
    if (outcome !== undefined) this.#catalogue.sagaOutcomesTotal.inc({ ...labels, outcome });
  }
}
