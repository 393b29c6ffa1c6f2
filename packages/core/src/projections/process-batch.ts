import type { CheckpointStore } from '../checkpoints/checkpoint-store';
import type { Clock } from '../clock/clock';
import type { DeadLetterQueue } from '../dead-letter/dead-letter-queue';
import { toDeadLetterError } from '../dead-letter/to-dead-letter-error';
import { ConcurrencyError } from '../errors/concurrency-error';
import { StoreUnavailableError } from '../errors/store-unavailable-error';
import { TimeoutError } from '../errors/timeout-error';
import type { EventStore, StoredEvent } from '../event-store/event-store';
import type { Logger } from '../logging/logger';
import { runInMessageContext } from '../messages/message-context';
import type { Metrics } from '../observability/metrics';
import { traced } from '../observability/traced';
import type { SpanOptions, Tracer } from '../observability/tracer';
import { retry } from '../retry/retry';
import type { ProjectionContext } from './projection';
import type { ProjectionState } from './projection-state';

/** What {@link processBatch} needs from its runner. Internal to the runner. */
export interface BatchEnvironment {
  readonly source: EventStore;
  readonly checkpoints: CheckpointStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics | undefined;
  readonly tracer: Tracer | undefined;
  readonly deadLetterQueue: DeadLetterQueue | undefined;
  /** Aborts retry delays when the runner stops. */
  readonly signal: AbortSignal | undefined;
  /** Called after the checkpoint moved. */
  readonly onCheckpoint: () => void;
}

/**
 * Runs `work` with the projection's retry policy, marking it unhealthy while attempts fail; `retryOn`
 * says which errors are worth another attempt (all unless given).
 */
async function withRetries(
  state: ProjectionState,
  environment: BatchEnvironment,
  work: () => unknown,
  retryOn?: (error: unknown) => boolean,
): Promise<void> {
  await retry(async () => await work(), state.projection.retry, {
    // The stop signal cuts retry delays short but never an attempt: stop waits for the one in flight.
    clock: {
      now: () => environment.clock.now(),
      sleep: (ms) => environment.clock.sleep(ms, environment.signal),
      timeoutSignal: (ms) => environment.clock.timeoutSignal(ms),
    },
    ...(retryOn === undefined ? {} : { retryOn }),
    onRetry: (error) => {
      state.healthy = false;
      state.lastError = error;
    },
  });
}

/** Whether `error` is the runner's stop cutting a retry delay short, not a failure. */
function isStop(error: unknown, environment: BatchEnvironment): boolean {
  return environment.signal?.aborted === true && error === environment.signal.reason;
}

/** The OpenTelemetry messaging attributes every span of a projection's delivery carries. */
function consumerAttributes(projectionName: string): Record<string, string> {
  return {
    'messaging.system': 'orchestrix',
    'messaging.operation.type': 'process',
    'messaging.consumer.group.name': projectionName,
    'orchestrix.projection': projectionName,
  };
}

/**
 * The span of one delivery: a consumer span, child of the span that stored the event (its `traceparent`),
 * with OpenTelemetry messaging attributes.
 */
function processSpanOptions(event: StoredEvent, projectionName: string): SpanOptions {
  return {
    kind: 'consumer',
    attributes: {
      ...consumerAttributes(projectionName),
      'messaging.message.id': event.id,
      'orchestrix.message.type': event.type,
      'orchestrix.position': event.position.toString(),
    },
    ...(event.traceparent === undefined ? {} : { parent: event.traceparent }),
  };
}

/** Delivers one event to its handler, if any; dead-letters it after its retries when the projection opted in. */
async function deliver(
  state: ProjectionState,
  environment: BatchEnvironment,
  event: StoredEvent,
  context: ProjectionContext,
  once: boolean,
): Promise<void> {
  const { projection } = state;
  const handler = projection.handlers?.[event.type];
  if (handler === undefined) return;
  // Dead-lettered in an earlier try of this batch that rolled back: the letter is stored, move on.
  if (state.deadLettered.has(event.id)) return;
  let attempts = 0;
  try {
    await traced(
      environment.tracer,
      `process_event:${event.type}`,
      processSpanOptions(event, projection.name),
      (span) => {
        const attempt = (): unknown => {
          attempts += 1;
          // Messages the handler creates (a reactor's commands) are children of this delivery's span.
          const trace = span === undefined ? {} : { traceId: span.traceId, traceparent: span.traceparent };
          return runInMessageContext(event, () => handler(event, context), trace);
        };
        return once ? Promise.resolve(attempt()) : withRetries(state, environment, attempt);
      },
    );
  } catch (error) {
    // In a transaction the batch is retried and dead-lettered as a whole (a failed statement aborts it).
    // An outage is not the event's fault: the runner backs off and tries it again instead.
    if (once || !projection.deadLetter || isStop(error, environment) || isOutage(error)) throw error;
    await deadLetter(state, environment, event, error, attempts);
  }
}

/** Puts `event` in the dead-letter queue for the projection, and remembers it until its checkpoint is stored. */
async function deadLetter(
  state: ProjectionState,
  environment: BatchEnvironment,
  event: StoredEvent,
  error: unknown,
  attempts: number,
): Promise<void> {
  const { projection } = state;
  const queue = environment.deadLetterQueue;
  if (queue === undefined) throw error;
  await queue.enqueue({
    message: event,
    handlerName: projection.name,
    attempts,
    error: toDeadLetterError(error),
    failedAt: environment.clock.now().toISOString(),
  });
  state.deadLettered.set(event.id, event.position);
  environment.metrics?.deadLettered?.({ messageType: event.type, handlerName: projection.name });
  environment.logger.warn('Projection dead-lettered an event', {
    projectionName: projection.name,
    position: event.position.toString(),
    error,
  });
}

/**
 * Delivers `events` one by one (each `once`, in a transaction); returns the position of the last one
 * handled, and the error that stopped it with its event.
 */
async function deliverEach(
  state: ProjectionState,
  environment: BatchEnvironment,
  events: readonly StoredEvent[],
  context: ProjectionContext,
  once: boolean,
): Promise<BatchOutcome> {
  let handled = state.position;
  for (const event of events) {
    try {
      await deliver(state, environment, event, context, once);
    } catch (error) {
      return { handled, failure: error, failedEvent: event };
    }
    handled = event.position;
  }
  return { handled };
}

/** What delivering a batch came to: the position handled, the error that stopped it, or a lost checkpoint race. */
interface BatchOutcome {
  readonly handled: bigint;
  readonly failure?: unknown;
  /** `true` when another runner instance moved the checkpoint first: this batch's checkpoint was not stored. */
  readonly lost?: true;
  /** The event whose handler failed, when a per-event handler did. */
  readonly failedEvent?: StoredEvent;
}

/** Whether `error` is the checkpoint store refusing this projection's compare-and-set. */
function isCheckpointConflict(error: unknown, name: string): boolean {
  return error instanceof ConcurrencyError && error.subject === 'checkpoint' && error.streamId === name;
}

/** The longest the runner waits before trying a projection again while its store is unavailable. */
const MAX_OUTAGE_BACKOFF_MS = 30_000;

/**
 * Whether `error` says a store is unavailable for now (a lost connection, a restart, a deadlock) or an
 * operation timed out: worth trying again later, not the event's fault.
 */
function isOutage(error: unknown): boolean {
  return (error instanceof StoreUnavailableError && error.retryable) || error instanceof TimeoutError;
}

/**
 * Handles a failure to read, lease or store for a projection. An outage (a retryable
 * {@link StoreUnavailableError}) marks it unhealthy and backs off — 100 ms, doubling, at most 30 s — to
 * resume from its stored checkpoint; any other error stops it at its checkpoint. Internal to the runner.
 */
export function setBack(state: ProjectionState, environment: BatchEnvironment, error: unknown): void {
  state.healthy = false;
  state.lastError = error;
  const context = { projectionName: state.projection.name, position: state.position.toString(), error };
  if (!isOutage(error)) {
    state.stopped = true;
    environment.logger.error('Projection stopped: its events could not be read or its checkpoint kept', context);
    return;
  }
  const backoffMs = Math.min(MAX_OUTAGE_BACKOFF_MS, 100 * 2 ** Math.min(state.outages, 20));
  state.outages += 1;
  state.retryAtMs = environment.clock.now().getTime() + backoffMs;
  environment.logger.warn('Projection store unavailable: backing off', { ...context, backoffMs });
}

/** Stores the checkpoint and delivers, in one transaction when the store offers one. */
async function deliverAndStore(
  state: ProjectionState,
  environment: BatchEnvironment,
  events: readonly StoredEvent[],
  last: bigint,
): Promise<BatchOutcome> {
  const { projection } = state;
  const { checkpoints } = environment;
  const run = async (
    transaction: unknown,
    once: boolean,
    batch: readonly StoredEvent[] = events,
  ): Promise<BatchOutcome> => {
    const context: ProjectionContext = { projectionName: projection.name, transaction };
    const handleBatch = projection.handleBatch;
    if (handleBatch === undefined) return deliverEach(state, environment, batch, context, once);
    const span: SpanOptions = {
      kind: 'consumer',
      attributes: { ...consumerAttributes(projection.name), 'messaging.batch.message_count': batch.length },
    };
    await traced(environment.tracer, `process_batch:${projection.name}`, span, async () => {
      if (once) await handleBatch(batch, context);
      else await withRetries(state, environment, () => handleBatch(batch, context));
    });
    return { handled: batch.at(-1)?.position ?? last };
  };
  if (checkpoints.withTransaction === undefined) {
    let outcome: BatchOutcome;
    try {
      outcome = await run(undefined, false);
    } catch (error) {
      outcome = { handled: state.position, failure: error };
    }
    if (outcome.handled !== state.position) {
      try {
        await checkpoints.store(projection.name, outcome.handled, state.position);
      } catch (error) {
        if (isCheckpointConflict(error, projection.name)) return { handled: state.position, lost: true };
        return { handled: state.position, failure: error };
      }
    }
    return outcome;
  }
  const withTransaction = checkpoints.withTransaction.bind(checkpoints);
  return deliverInTransactions(state, environment, events, withTransaction, (transaction, batch) =>
    run(transaction, true, batch),
  );
}

/**
 * Runs the batch in one checkpoint-store transaction per attempt: a failing handler rolls the whole batch
 * back (a failed statement leaves a PostgreSQL transaction unusable, so retrying inside it cannot work)
 * and the projection's retry policy runs the batch again in a new one. When the retries run out, a
 * projection that dead-letters parks the failing event and runs the batch again without it.
 */
async function deliverInTransactions(
  state: ProjectionState,
  environment: BatchEnvironment,
  events: readonly StoredEvent[],
  withTransaction: NonNullable<CheckpointStore['withTransaction']>,
  run: (transaction: unknown, batch: readonly StoredEvent[]) => Promise<BatchOutcome>,
): Promise<BatchOutcome> {
  const { projection, position } = state;
  const last = events.at(-1)?.position ?? position;
  // Each pass parks one more event of the batch (a parked event is passed over), so this ends.
  for (;;) {
    let delivered = false;
    let failedEvent: StoredEvent | undefined;
    let attempts = 0;
    try {
      await withRetries(
        state,
        environment,
        async () => {
          attempts += 1;
          failedEvent = undefined;
          await withTransaction(projection.name, position, last, async (transaction) => {
            const outcome = await run(transaction, events);
            if (outcome.failure !== undefined) {
              failedEvent = outcome.failedEvent;
              throw outcome.failure;
            }
            delivered = true;
          });
        },
        // Only a handler's failure is worth the projection's retries; outages back off in the runner.
        (error) => !delivered && !isOutage(error),
      );
      return { handled: last };
    } catch (error) {
      // Refused after every handler succeeded: the checkpoint's compare-and-set, not the projection, failed.
      if (delivered && isCheckpointConflict(error, projection.name)) return { handled: position, lost: true };
      const parkable = failedEvent !== undefined && projection.deadLetter && !isOutage(error);
      if (!parkable || isStop(error, environment) || failedEvent === undefined) {
        return isOutage(error) || isStop(error, environment)
          ? { handled: position, failure: error }
          : await deliverBefore(state, events, failedEvent, withTransaction, run, error);
      }
      try {
        await deadLetter(state, environment, failedEvent, error, attempts);
      } catch (failure) {
        return { handled: position, failure };
      }
    }
  }
}

/**
 * After a batch failed for good at `failedEvent`, applies and checkpoints the events before it in a new
 * transaction, so the projection stops exactly at the failing event. Returns the failure either way.
 */
async function deliverBefore(
  state: ProjectionState,
  events: readonly StoredEvent[],
  failedEvent: StoredEvent | undefined,
  withTransaction: NonNullable<CheckpointStore['withTransaction']>,
  run: (transaction: unknown, batch: readonly StoredEvent[]) => Promise<BatchOutcome>,
  failure: unknown,
): Promise<BatchOutcome> {
  const { projection, position } = state;
  const before = failedEvent === undefined ? [] : events.filter((event) => event.position < failedEvent.position);
  const handled = before.at(-1)?.position;
  if (handled === undefined) return { handled: position, failure };
  try {
    await withTransaction(projection.name, position, handled, async (transaction) => {
      const outcome = await run(transaction, before);
      if (outcome.failure !== undefined) throw outcome.failure;
    });
    return { handled, failure };
  } catch {
    // Even these no longer apply (the store went away): the projection stops before the batch.
    return { handled: position, failure };
  }
}

/**
 * Reads the next batch of a projection (events up to `upTo`, when given), delivers it and stores the
 * checkpoint: the position of the last event handled, also past events it has no handler for. A
 * failure after the retries stops the projection at that event and marks it unhealthy; a stop of the
 * runner during a retry delay leaves it healthy, to resume there. Internal to the runner.
 *
 * @returns The number of events the batch held; 0 when the projection is caught up (to `upTo`).
 */
export async function processBatch(
  state: ProjectionState,
  environment: BatchEnvironment,
  upTo?: bigint,
): Promise<number> {
  const read = await environment.source.readAll({ after: state.position, limit: state.batchSize });
  const events = upTo === undefined ? read : read.filter((event) => event.position <= upTo);
  const last = events.at(-1)?.position;
  if (last === undefined) return 0;
  const startedMs = environment.clock.now().getTime();
  const { handled, failure, lost } = await deliverAndStore(state, environment, events, last);
  if (lost) {
    // Another instance runs this projection now (its lease ran out, or there are no leases): follow its
    // checkpoint and let the lease decide who goes on. This batch's checkpoint (and transaction) was not stored.
    state.position = await environment.checkpoints.load(state.projection.name);
    state.lease = undefined;
    environment.logger.warn('Projection checkpoint moved by another runner instance: batch dropped', {
      projectionName: state.projection.name,
      position: state.position.toString(),
    });
    environment.onCheckpoint();
    return events.length;
  }
  if (handled !== state.position) {
    state.position = handled;
    for (const [id, position] of state.deadLettered) if (position <= handled) state.deadLettered.delete(id);
    environment.onCheckpoint();
  }
  const interrupted = failure !== undefined && isStop(failure, environment);
  if (failure === undefined || interrupted) {
    state.healthy = true;
    state.lastError = undefined;
    state.outages = 0;
  } else if (isOutage(failure)) {
    // Nothing after the stored checkpoint was kept (or, without transactions, it is delivered again).
    setBack(state, environment, failure);
  } else {
    state.healthy = false;
    state.lastError = failure;
    state.stopped = true;
    environment.logger.error('Projection stopped at a failing event', {
      projectionName: state.projection.name,
      position: state.position.toString(),
      error: failure,
    });
  }
  environment.metrics?.projectionUpdated?.({
    projection: state.projection.name,
    status: failure === undefined ? 'success' : 'error',
    durationMs: environment.clock.now().getTime() - startedMs,
    eventCount: events.length,
  });
  return state.outages > 0 ? 0 : events.length;
}
