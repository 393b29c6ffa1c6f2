export type { AggregateRepositoryOptions, HandleOptions } from './aggregates/aggregate-repository';
export { AggregateRepository } from './aggregates/aggregate-repository';
export type { AggregateClass } from './aggregates/aggregate-root';
export { AggregateRoot, aggregateTypeOf } from './aggregates/aggregate-root';
export { mutatorName } from './aggregates/mutator-name';
export type { CheckpointLease, CheckpointStore } from './checkpoints/checkpoint-store';
export type { Clock } from './clock/clock';
export { systemClock } from './clock/system-clock';
export { copyDeadLetterError } from './dead-letter/copy-dead-letter-error';
export type { DeadLetter, DeadLetterError } from './dead-letter/dead-letter';
export type {
  DeadLetterFilter,
  DeadLetterQueue,
  NewDeadLetter,
  RedriveResult,
  RedriveTarget,
} from './dead-letter/dead-letter-queue';
export { prepareDeadLetter } from './dead-letter/prepare-dead-letter';
export type { RedriveOutcomes } from './dead-letter/redrive-letters';
export { redriveLetters } from './dead-letter/redrive-letters';
export type { ToDeadLetterErrorOptions } from './dead-letter/to-dead-letter-error';
export { toDeadLetterError } from './dead-letter/to-dead-letter-error';
export { validateDeadLetterFilter } from './dead-letter/validate-dead-letter-filter';
export { AggregateNotFoundError } from './errors/aggregate-not-found-error';
export { ConcurrencyError } from './errors/concurrency-error';
export { DuplicateEventError } from './errors/duplicate-event-error';
export { DuplicateHandlerError } from './errors/duplicate-handler-error';
export type { HandlerFailure } from './errors/handler-error';
export { HandlerError } from './errors/handler-error';
export { LeaseHeldError } from './errors/lease-held-error';
export { NoHandlerError } from './errors/no-handler-error';
export type { OrchestrixErrorOptions } from './errors/orchestrix-error';
export { OrchestrixError } from './errors/orchestrix-error';
export type { CompensationOutcome } from './errors/saga-error';
export { SagaError } from './errors/saga-error';
export { SerializationError } from './errors/serialization-error';
export { StoreUnavailableError } from './errors/store-unavailable-error';
export { TimeoutError } from './errors/timeout-error';
export { UpcastError } from './errors/upcast-error';
export type { ValidationIssue } from './errors/validation-error';
export { ValidationError } from './errors/validation-error';
export { MAX_APPEND_BYTES, MAX_EVENTS_PER_APPEND, MAX_STREAM_ID_LENGTH } from './event-store/append-limits';
export type {
  AppendListener,
  AppendResult,
  EventStore,
  ExpectedVersion,
  FeedCount,
  ReadAllOptions,
  StoredEvent,
} from './event-store/event-store';
export { assertExpectedVersion, matchesExpectedVersion, validateExpectedVersion } from './event-store/expected-version';
export { matchRetriedAppend } from './event-store/idempotent-append';
export type { PreparedAppend } from './event-store/prepare-append';
export { prepareAppend, validateStreamId } from './event-store/prepare-append';
export { storedEventOf } from './event-store/stored-event';
export type { LoggerOptions } from './logging/get-logger';
export { getLogger } from './logging/get-logger';
export type { LogLevel } from './logging/log-level';
export type { Logger } from './logging/logger';
export { noopLogger } from './logging/noop-logger';
export type {
  MessageBus,
  MessageHandler,
  MessageHandlerFunction,
  SubscribedMessage,
  SubscribeOptions,
} from './message-bus/message-bus';
export type { CloudEvent } from './messages/cloud-event';
export { fromCloudEvent, toCloudEvent } from './messages/cloud-event';
export type {
  EmptyData,
  MessageDataDefinition,
  MessageDefaults,
  MessageFactory,
  MessageOf,
  Prepare,
} from './messages/define-message';
export { defineCommand, defineEvent, payload } from './messages/define-message';
export type { Command, Event, Message, MessageKind, MessageMetadata } from './messages/message';
export { OPTIONAL_MESSAGE_FIELDS } from './messages/message';
export type { MessageContext } from './messages/message-context';
export { currentMessageContext, runInMessageContext, runInTraceContext } from './messages/message-context';
export { uuidv7 } from './messages/uuid-v7';
export type { Module } from './modules/module';
export { registerModules } from './modules/module';
export { measure } from './observability/measure';
export type { StorageHooks } from './observability/measure-storage';
export { measureStorage } from './observability/measure-storage';
export type { Metrics, OperationStatus, StorageOperation } from './observability/metrics';
export type { ObservabilityHooks } from './observability/observability-hooks';
export { traced } from './observability/traced';
export type { Span, SpanAttributes, SpanKind, SpanOptions, Tracer } from './observability/tracer';
export { defineProjection } from './projections/define-projection';
export { defineReactor } from './projections/define-reactor';
export type {
  Projection,
  ProjectionBatchHandler,
  ProjectionContext,
  ProjectionDefinition,
  ProjectionEventHandler,
} from './projections/projection';
export type { ProjectionHealth } from './projections/projection-health';
export type { ProjectionRunnerOptions, WaitForOptions } from './projections/projection-runner';
export { ProjectionRunner } from './projections/projection-runner';
export type { ReactorContext, ReactorDefinition, ReactorEventHandler } from './projections/reactor';
export type { ExponentialBackoffOptions } from './retry/exponential-backoff';
export { ExponentialBackoff } from './retry/exponential-backoff';
export type { FixedDelayOptions } from './retry/fixed-delay';
export { FixedDelay } from './retry/fixed-delay';
export type { LinearBackoffOptions } from './retry/linear-backoff';
export { LinearBackoff } from './retry/linear-backoff';
export { NoRetry } from './retry/no-retry';
export type { RetryOptions } from './retry/retry';
export { retry } from './retry/retry';
export type { RetryPolicy } from './retry/retry-policy';
export type { PreparedSagaSave } from './sagas/prepare-saga-save';
export { prepareSagaSave } from './sagas/prepare-saga-save';
export type { ResolvedClaimExpiredOptions } from './sagas/resolve-claim-expired-options';
export { resolveClaimExpiredOptions } from './sagas/resolve-claim-expired-options';
export type {
  ClaimExpiredOptions,
  SagaLease,
  SagaStateFilter,
  SagaStateRecord,
  SagaStateStore,
  SagaStateUpdate,
} from './sagas/saga-state-store';
export { validateSagaStateFilter } from './sagas/validate-saga-state-filter';
export {
  decodeJson,
  deepFreezeJson,
  encodedByteBound,
  encodedByteLength,
  encodeJson,
  normalizeJson,
} from './serialization/json-codec';
export type { JsonObject, JsonValue } from './serialization/json-value';
export type { Snapshot, SnapshotStore } from './snapshots/snapshot-store';
export type { Upcaster } from './upcasting/upcaster';
export { UpcasterRegistry } from './upcasting/upcaster-registry';
export { validateInRange } from './validation/validate-in-range';
export { validateLeaseMs } from './validation/validate-lease-ms';
export { validateMaxLength } from './validation/validate-max-length';
export { validateMinLength } from './validation/validate-min-length';
export { validateNonNegative } from './validation/validate-non-negative';
export { validateNotEmpty } from './validation/validate-not-empty';
export { validateOneOf } from './validation/validate-one-of';
export { validatePositive } from './validation/validate-positive';
