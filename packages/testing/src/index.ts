export type { Decision, ErrorClass, ExpectedEvent, GivenSpec, WhenSpec } from './aggregates/given';
export { given } from './aggregates/given';
export { FakeClock } from './clock/fake-clock';
export type { CheckpointStoreContractOptions } from './contracts/checkpoint-store/checkpoint-store-contract';
export { checkpointStoreContract } from './contracts/checkpoint-store/checkpoint-store-contract';
export type { ContractHarness } from './contracts/contract-harness';
export { deadLetterQueueContract } from './contracts/dead-letter-queue/dead-letter-queue-contract';
export type { EventStoreContractHarness } from './contracts/event-store/event-store-contract';
export { eventStoreContract } from './contracts/event-store/event-store-contract';
export type { CreateWithUpcasters } from './contracts/event-store/upcasting';
export type { MessageBusContractOptions } from './contracts/message-bus/message-bus-contract';
export { messageBusContract } from './contracts/message-bus/message-bus-contract';
export type { SagaStateStoreContractOptions } from './contracts/saga-state-store/saga-state-store-contract';
export { sagaStateStoreContract } from './contracts/saga-state-store/saga-state-store-contract';
export { snapshotStoreContract } from './contracts/snapshot-store/snapshot-store-contract';
export type { EventStoreModelTestOptions } from './model/event-store-model';
export { eventStoreModelTest } from './model/event-store-model';
export type {
  ProjectionOutcomeSpec,
  ProjectionSpec,
  ProjectionSpecOptions,
} from './projections/projection-spec';
export { projectionSpec } from './projections/projection-spec';
export type { RecordingBusOptions } from './recording/recording-bus';
export { RecordingBus } from './recording/recording-bus';
export type { RecordedSample, RecordingMetrics } from './recording/recording-metrics';
export { recordingMetrics } from './recording/recording-metrics';
export type { RecordedSpan } from './recording/recording-tracer';
export { RecordingTracer } from './recording/recording-tracer';
export { locateBinary } from './tools/locate-binary';
export type { OtlpReceiver, ReceivedSpan } from './tools/otlp-receiver';
export { startOtlpReceiver } from './tools/otlp-receiver';
export { requireBinary } from './tools/require-binary';
