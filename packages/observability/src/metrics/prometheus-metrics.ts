import { type Metrics, type OperationStatus, ValidationError } from '@orchestrix/core';
import { Registry, type RegistryContentType } from 'prom-client';
import { InstrumentFactory } from './instrument-factory';
import { createMetricCatalogue } from './metric-catalogue';
import { MetricConfig, type MetricConfigOptions } from './metric-config';
import { MetricRecorder } from './metric-recorder';
import { type Tracked, trackOperation } from './track-operation';

/** A hook of core's {@link Metrics}, as a property that is always there. */
type Hook<K extends keyof Metrics> = NonNullable<Metrics[K]>;

function validateName(value: unknown, field: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value;
  throw new ValidationError(field, value, `${field} cannot be empty: pass a type or projection name, never an id`);
}

function validateWork(work: unknown): void {
  if (typeof work !== 'function') throw new ValidationError('work', work, 'work must be a function to run and time');
}

function validateCount(value: unknown, field: string): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  throw new ValidationError(field, value, `${field} must be a non-negative number`);
}

/** A label value from a hook's sample: a non-empty type name, else the sample is dropped (by throwing). */
function labelOf(value: unknown): string {
  if (typeof value === 'string' && value !== '') return value;
  throw new TypeError('A metrics sample without a type name is dropped');
}

/** Only `success` and `error` ever become a `status` label. */
function statusOf(status: unknown): OperationStatus {
  return status === 'success' ? 'success' : 'error';
}

/**
 * Prometheus metrics for Orchestrix on prom-client: the SPEC catalogue `<namespace>_<subsystem>_…`
 * (events, commands, aggregates, storage, projections, sagas) plus dead letters, handler attempts,
 * repository commands, projection health and saga steps. It implements core's {@link Metrics} hooks,
 * so it can be passed as `metrics` to any bus, store, repository, saga or projection runner, and offers
 * trackers that time a function of your own. Label values are type names, never ids.
 *
 * With no `registry` in the config it registers in a new prom-client `Registry` (never the global
 * one). On a registry that already holds the same metrics (another PrometheusMetrics with the same
 * namespace and subsystem) it reuses them, so both count into the same series.
 *
 * @throws {@link ValidationError} from {@link MetricConfig} for a bad option, or with `field` `registry`
 * when the registry holds a metric of one of these names with another type or other labels; then
 * nothing is registered.
 * @example
 * const metrics = new PrometheusMetrics(new MetricConfig({ namespace: 'shop' }));
 * const bus = new InMemoryMessageBus({ metrics });
 * app.get('/metrics', async () => PrometheusMetrics.generateExposition(metrics.getPrometheusRegistry()));
 */
export class PrometheusMetrics implements Metrics {
  /** The validated configuration. */
  readonly config: MetricConfig;
  readonly #registry: Registry<RegistryContentType>;
  readonly #recorder: MetricRecorder;

  constructor(config: MetricConfig | MetricConfigOptions = new MetricConfig()) {
    this.config = config instanceof MetricConfig ? config : new MetricConfig(config);
    this.#registry = this.config.registry ?? new Registry();
    const factory = new InstrumentFactory(this.#registry, this.config.prefix, this.config.enableSummaryMetrics);
    this.#recorder = new MetricRecorder(createMetricCatalogue(factory));
    factory.register();
  }

  /**
   * The text exposition of `registry` for a `/metrics` endpoint (serve it with `registry.contentType`).
   *
   * @throws {@link ValidationError} (as a rejection) when `registry` is not a prom-client registry.
   * @example reply.type(registry.contentType).send(await PrometheusMetrics.generateExposition(registry));
   */
  static async generateExposition(registry: Registry<RegistryContentType>): Promise<string> {
    if (typeof (registry as Partial<Registry<RegistryContentType>> | null)?.metrics !== 'function') {
      throw new ValidationError('registry', registry, 'registry must be a prom-client Registry');
    }
    return registry.metrics();
  }

  /** The prom-client registry these metrics are registered in. */
  getPrometheusRegistry(): Registry<RegistryContentType> {
    return this.#registry;
  }

  /**
   * Runs `work` as the publish of an event of `eventType` and counts it in `events_total` (`status` error
   * when it throws or rejects, then rethrown) and `events_processing_seconds`. Sync or async.
   *
   * @throws {@link ValidationError} when `eventType` is empty or `work` is not a function; else what `work` throws.
   * @example await metrics.trackEventPublish('OrderCreated', () => bus.publish(event));
   */
  trackEventPublish<T>(eventType: string, work: () => T): Tracked<T> {
    const type = this.#validate(eventType, 'eventType', work);
    return trackOperation(work, (status, seconds) => this.#recorder.event(type, status, seconds));
  }

  /** Like {@link PrometheusMetrics.trackEventPublish}, for a command: `commands_total`, `commands_latency_seconds`. */
  trackCommandHandle<T>(commandType: string, work: () => T): Tracked<T> {
    const type = this.#validate(commandType, 'commandType', work);
    return trackOperation(work, (status, seconds) => this.#recorder.command(type, status, seconds));
  }

  /**
   * Like {@link PrometheusMetrics.trackEventPublish}, for loading an aggregate: `aggregates_loaded_total`
   * (or `aggregates_load_errors_total`) and `aggregates_load_time_seconds`.
   */
  trackAggregateLoad<T>(aggregateType: string, work: () => T): Tracked<T> {
    const type = this.#validate(aggregateType, 'aggregateType', work);
    return trackOperation(work, (status, seconds) => this.#recorder.aggregateLoad(type, status, seconds));
  }

  /**
   * Like {@link PrometheusMetrics.trackEventPublish}, for a store operation (`save`, `load`, … or your own
   * name): `storage_operations_total` and `storage_operation_seconds`.
   */
  trackStorageOperation<T>(operationType: string, work: () => T): Tracked<T> {
    const type = this.#validate(operationType, 'operationType', work);
    return trackOperation(work, (status, seconds) => this.#recorder.storage(type, status, seconds));
  }

  /**
   * Like {@link PrometheusMetrics.trackEventPublish}, for updating a projection: `projection_update_seconds`,
   * `projection_healthy`, and `projection_errors_total` when it fails.
   */
  trackProjectionUpdate<T>(projectionName: string, work: () => T): Tracked<T> {
    const name = this.#validate(projectionName, 'projectionName', work);
    return trackOperation(work, (status, seconds) => this.#recorder.projectionUpdate(name, status, seconds));
  }

  /** Like {@link PrometheusMetrics.trackEventPublish}, for a saga run: `saga_executions_total`, `saga_duration_seconds`. */
  trackSagaExecution<T>(sagaType: string, work: () => T): Tracked<T> {
    const type = this.#validate(sagaType, 'sagaType', work);
    return trackOperation(work, (status, seconds) => this.#recorder.sagaExecution(type, status, seconds));
  }

  /**
   * Sets `projection_events_behind` for a projection, e.g. from `runner.lag(name)` (the runner's
   * `projectionLag` hook does it on each `lag` call).
   *
   * @throws {@link ValidationError} when `projectionName` is empty or `behind` is not a non-negative number.
   */
  recordProjectionLag(projectionName: string, behind: number): void {
    const name = validateName(projectionName, 'projectionName');
    this.#recorder.projectionLag(name, validateCount(behind, 'behind'));
  }

  /**
   * Sets `aggregates_in_memory` for an aggregate type: how many your application holds (e.g. in a cache).
   * The framework keeps none between calls, so nothing else sets it.
   *
   * @throws {@link ValidationError} when `aggregateType` is empty or `count` is not a non-negative number.
   */
  setAggregatesInMemory(aggregateType: string, count: number): void {
    const type = validateName(aggregateType, 'aggregateType');
    this.#recorder.aggregatesInMemory(type, validateCount(count, 'count'));
  }

  /** Hook: one attempt of a bus handler → `handler_attempts_total`, `handler_duration_seconds`. */
  readonly messageHandled: Hook<'messageHandled'> = (sample) =>
    this.#safely(() =>
      this.#recorder.handlerAttempt(
        labelOf(sample.messageType),
        labelOf(sample.handlerName),
        statusOf(sample.status),
        sample.durationMs / 1000,
      ),
    );

  /** Hook: a publish on a bus → `commands_total` and `commands_latency_seconds` for a command, else `events_*`. */
  readonly messagePublished: Hook<'messagePublished'> = (sample) =>
    this.#safely(() => {
      const seconds = sample.durationMs / 1000;
      if (sample.kind === 'command')
        this.#recorder.command(labelOf(sample.messageType), statusOf(sample.status), seconds);
      else this.#recorder.event(labelOf(sample.messageType), statusOf(sample.status), seconds);
    });

  /** Hook: a message dead-lettered by a bus or a projection runner → `dead_letters_total`. */
  readonly deadLettered: Hook<'deadLettered'> = (sample) =>
    this.#safely(() => this.#recorder.deadLetter(labelOf(sample.messageType), labelOf(sample.handlerName)));

  /** Hook: the repository loaded an aggregate → `aggregates_loaded_total` (or `…_load_errors_total`) and times. */
  readonly aggregateLoaded: Hook<'aggregateLoaded'> = (sample) =>
    this.#safely(() =>
      this.#recorder.aggregateLoad(
        labelOf(sample.aggregateType),
        statusOf(sample.status),
        sample.durationMs / 1000,
        sample.eventCount,
      ),
    );

  /** Hook: the repository's `handle()` ran → `repository_commands_total`, its time and concurrency retries. */
  readonly commandHandled: Hook<'commandHandled'> = (sample) =>
    this.#safely(() =>
      this.#recorder.repositoryCommand(
        labelOf(sample.aggregateType),
        statusOf(sample.status),
        sample.durationMs / 1000,
        sample.attempts,
      ),
    );

  /** Hook: a saga run began → `saga_started_total{resumed}`. */
  readonly sagaStarted: Hook<'sagaStarted'> = (sample) =>
    this.#safely(() => this.#recorder.sagaStarted(labelOf(sample.sagaType), sample.resumed === true));

  /** Hook: a saga step's action finished → `saga_steps_total`, `saga_step_seconds`. */
  readonly sagaStepFinished: Hook<'sagaStepFinished'> = (sample) =>
    this.#safely(() =>
      this.#recorder.sagaStep(
        labelOf(sample.sagaType),
        labelOf(sample.stepName),
        statusOf(sample.status),
        sample.durationMs / 1000,
      ),
    );

  /** Hook: a saga compensation finished → `saga_compensations_total`. */
  readonly sagaCompensated: Hook<'sagaCompensated'> = (sample) =>
    this.#safely(() =>
      this.#recorder.sagaCompensation(labelOf(sample.sagaType), labelOf(sample.stepName), statusOf(sample.status)),
    );

  /**
   * Hook: a saga reached a terminal status → `saga_executions_total` (`completed` is success, `compensated`
   * and `failed` are error), `saga_duration_seconds` and `saga_outcomes_total{outcome}`.
   */
  readonly sagaFinished: Hook<'sagaFinished'> = (sample) =>
    this.#safely(() => {
      const outcome = sample.status === 'completed' || sample.status === 'compensated' ? sample.status : 'failed';
      const status = outcome === 'completed' ? 'success' : 'error';
      this.#recorder.sagaExecution(labelOf(sample.sagaType), status, sample.durationMs / 1000, outcome);
    });

  /** Hook: a projection batch → `projection_update_seconds`, `projection_healthy`, errors or events processed. */
  readonly projectionUpdated: Hook<'projectionUpdated'> = (sample) =>
    this.#safely(() =>
      this.#recorder.projectionUpdate(
        labelOf(sample.projection),
        statusOf(sample.status),
        sample.durationMs / 1000,
        sample.eventCount,
      ),
    );

  /** Hook: the runner measured a projection's lag → `projection_events_behind`. */
  readonly projectionLag: Hook<'projectionLag'> = (sample) =>
    this.#safely(() =>
      this.#recorder.projectionLag(labelOf(sample.projection), validateCount(sample.behind, 'behind')),
    );

  /** Hook: a store operation → `storage_operations_total`, `storage_operation_seconds`. */
  readonly storageOperation: Hook<'storageOperation'> = (sample) =>
    this.#safely(() =>
      this.#recorder.storage(labelOf(sample.operation), statusOf(sample.status), sample.durationMs / 1000),
    );

  #validate(name: unknown, field: string, work: unknown): string {
    const valid = validateName(name, field);
    validateWork(work);
    return valid;
  }

  #safely(record: () => void): void {
    try {
      record();
    } catch {
      // Hooks must never throw: a metric is not worth failing the operation it measures.
    }
  }
}
