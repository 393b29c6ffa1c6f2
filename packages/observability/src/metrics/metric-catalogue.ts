import { HISTOGRAM_BUCKETS } from './histogram-buckets';
import type { InstrumentFactory } from './instrument-factory';

const STATUS = 'status';

/**
 * Creates every instrument of a {@link PrometheusMetrics}: first the thirteen of the SPEC (§10), then
 * those for dead letters, handlers, the repository's `handle`, projections and saga steps. Labels are
 * type names only (message, aggregate, handler, projection, saga and step names), never ids.
 *
 * @internal Not part of the public API; the README lists the catalogue.
 */
export function createMetricCatalogue(factory: InstrumentFactory) {
  const { latency, batch, saga, eventCount } = HISTOGRAM_BUCKETS;
  return Object.freeze({
    // The SPEC catalogue.
    eventsTotal: factory.counter(
      'events_total',
      'Events published on a bus, by event type and status (success, or error when a handler failed).',
      ['event_type', STATUS],
    ),
    eventsProcessing: factory.duration(
      'events_processing_seconds',
      'Time to publish an event to all its handlers, retries included, in seconds.',
      ['event_type'],
      latency,
    ),
    commandsTotal: factory.counter(
      'commands_total',
      'Commands published on a bus, by command type and status (success, or error when the handler failed).',
      ['command_type', STATUS],
    ),
    commandsLatency: factory.duration(
      'commands_latency_seconds',
      'Time to handle a command published on a bus, retries included, in seconds.',
      ['command_type'],
      latency,
    ),
    aggregatesLoaded: factory.counter(
      'aggregates_loaded_total',
      'Aggregates loaded (snapshot plus events), by aggregate type; failed loads are in aggregates_load_errors_total.',
      ['aggregate_type'],
    ),
    aggregatesLoadTime: factory.duration(
      'aggregates_load_time_seconds',
      'Time to load an aggregate, failed loads included, in seconds.',
      ['aggregate_type'],
      latency,
    ),
    aggregatesInMemory: factory.gauge(
      'aggregates_in_memory',
      'Aggregates an application holds in memory (e.g. in a cache), as it reports with setAggregatesInMemory.',
      ['aggregate_type'],
    ),
    storageOperationsTotal: factory.counter(
      'storage_operations_total',
      'Event store and snapshot store operations, by operation type (save, load, read_all, ...) and status.',
      ['operation_type', STATUS],
    ),
    storageOperation: factory.duration(
      'storage_operation_seconds',
      'Time of an event store or snapshot store operation, failed ones included, in seconds.',
      ['operation_type'],
      latency,
    ),
    projectionEventsBehind: factory.gauge(
      'projection_events_behind',
      'Events of the feed a projection has not processed yet, as last measured.',
      ['projection_name'],
    ),
    projectionUpdate: factory.duration(
      'projection_update_seconds',
      'Time a projection runner took for one batch of a projection, in seconds.',
      ['projection_name'],
      batch,
    ),
    sagaExecutionsTotal: factory.counter(
      'saga_executions_total',
      'Saga runs that ended, by saga type and status (success when completed, else error).',
      ['saga_type', STATUS],
    ),
    sagaDuration: factory.duration(
      'saga_duration_seconds',
      'Time from a saga start to its end, in seconds.',
      ['saga_type'],
      saga,
    ),
    // Beyond the SPEC: what operators of dead letters, handlers, projections and sagas need.
    deadLettersTotal: factory.counter(
      'dead_letters_total',
      'Messages dead-lettered, by message type and handler (for a projection: the projection name).',
      ['message_type', 'handler_name'],
    ),
    handlerAttemptsTotal: factory.counter(
      'handler_attempts_total',
      'Attempts of a bus handler on a message (each retry counts), by message type, handler and status.',
      ['message_type', 'handler_name', STATUS],
    ),
    handlerDuration: factory.histogram(
      'handler_duration_seconds',
      'Time of one attempt of a bus handler on a message, in seconds.',
      ['message_type', 'handler_name'],
      latency,
    ),
    aggregatesLoadErrors: factory.counter(
      'aggregates_load_errors_total',
      'Aggregate loads that failed (store, snapshot or upcasting errors), by aggregate type.',
      ['aggregate_type'],
    ),
    aggregatesLoadEvents: factory.histogram(
      'aggregates_load_events',
      'Events replayed per aggregate load (after its snapshot, if any).',
      ['aggregate_type'],
      eventCount,
    ),
    repositoryCommandsTotal: factory.counter(
      'repository_commands_total',
      "Load-decide-save cycles of the repository's handle(), by aggregate type and status.",
      ['aggregate_type', STATUS],
    ),
    repositoryCommand: factory.histogram(
      'repository_command_seconds',
      'Time of one repository handle() call, its concurrency retries included, in seconds.',
      ['aggregate_type'],
      latency,
    ),
    repositoryCommandRetriesTotal: factory.counter(
      'repository_command_retries_total',
      "Decisions run again by the repository's handle() after a concurrency conflict, by aggregate type.",
      ['aggregate_type'],
    ),
    projectionErrorsTotal: factory.counter(
      'projection_errors_total',
      'Projection batches that failed (the projection stops, or backs off through a store outage).',
      ['projection_name'],
    ),
    projectionHealthy: factory.gauge(
      'projection_healthy',
      "1 when the projection's last batch succeeded, 0 when it failed.",
      ['projection_name'],
    ),
    projectionEventsProcessed: factory.counter(
      'projection_events_processed_total',
      'Events of the feed a projection has passed in successful batches, handled or skipped.',
      ['projection_name'],
    ),
    sagaStartedTotal: factory.counter(
      'saga_started_total',
      'Saga runs begun, by saga type and whether it was a resume (true) or a new saga (false).',
      ['saga_type', 'resumed'],
    ),
    sagaOutcomesTotal: factory.counter(
      'saga_outcomes_total',
      'Sagas that reached a terminal status: completed, compensated, or failed (a person must look).',
      ['saga_type', 'outcome'],
    ),
    sagaStepsTotal: factory.counter(
      'saga_steps_total',
      "Saga steps' actions that finished, by saga type, step and status (error once no retry is left).",
      ['saga_type', 'step_name', STATUS],
    ),
    sagaStep: factory.histogram(
      'saga_step_seconds',
      "Time of a saga step's action, its retries included, in seconds.",
      ['saga_type', 'step_name'],
      batch,
    ),
    sagaCompensationsTotal: factory.counter(
      'saga_compensations_total',
      'Saga compensations that finished, by saga type, step and status (error once no retry is left).',
      ['saga_type', 'step_name', STATUS],
    ),
  });
}

/** The instruments of one {@link PrometheusMetrics}. @internal */
export type MetricCatalogue = ReturnType<typeof createMetricCatalogue>;
