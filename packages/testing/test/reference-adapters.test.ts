import {
  checkpointStoreContract,
  deadLetterQueueContract,
  eventStoreContract,
  eventStoreModelTest,
  FakeClock,
  messageBusContract,
  RecordingBus,
  sagaStateStoreContract,
  snapshotStoreContract,
} from '@orchestrix/testing';
import { ReferenceCheckpointStore } from './fixtures/reference-checkpoint-store';
import { ReferenceConcurrentBus } from './fixtures/reference-concurrent-bus';
import { ReferenceDeadLetterQueue } from './fixtures/reference-dead-letter-queue';
import { ReferenceEventStore } from './fixtures/reference-event-store';
import { ReferenceSagaStateStore } from './fixtures/reference-saga-state-store';

// The positive controls: minimal correct adapters pass every suite, so a failure elsewhere is the adapter's.
const clock = new FakeClock();

eventStoreContract('ReferenceEventStore', { create: () => new ReferenceEventStore() });
eventStoreModelTest('ReferenceEventStore', { create: () => new ReferenceEventStore() });
snapshotStoreContract('ReferenceEventStore', { create: () => new ReferenceEventStore() });
messageBusContract('RecordingBus', { create: () => new RecordingBus() }, { delivery: 'sequential' });
messageBusContract(
  'ReferenceConcurrentBus',
  { create: () => new ReferenceConcurrentBus() },
  { delivery: 'concurrent' },
);
deadLetterQueueContract('ReferenceDeadLetterQueue', { create: () => new ReferenceDeadLetterQueue() });
checkpointStoreContract('ReferenceCheckpointStore', { create: () => new ReferenceCheckpointStore(clock) }, { clock });
sagaStateStoreContract('ReferenceSagaStateStore', { create: () => new ReferenceSagaStateStore(clock) }, { clock });
