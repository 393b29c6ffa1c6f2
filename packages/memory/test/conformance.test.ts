// Every in-memory adapter runs the shared conformance suites of @orchestrix/testing, unchanged.
import {
  InMemoryAsyncMessageBus,
  InMemoryCheckpointStore,
  InMemoryDeadLetterQueue,
  InMemoryEventStore,
  InMemoryMessageBus,
  InMemorySagaStateStore,
} from '@orchestrix/memory';
import {
  checkpointStoreContract,
  deadLetterQueueContract,
  eventStoreContract,
  eventStoreModelTest,
  FakeClock,
  messageBusContract,
  sagaStateStoreContract,
  snapshotStoreContract,
} from '@orchestrix/testing';

const clock = new FakeClock();

eventStoreContract('InMemoryEventStore', {
  create: () => new InMemoryEventStore(),
  createWithUpcasters: (upcasters) => new InMemoryEventStore({ upcasters }),
});
eventStoreModelTest('InMemoryEventStore', { create: () => new InMemoryEventStore() }, { runs: 100 });
snapshotStoreContract('InMemoryEventStore', { create: () => new InMemoryEventStore() });
messageBusContract('InMemoryMessageBus', { create: () => new InMemoryMessageBus() }, { delivery: 'sequential' });
messageBusContract(
  'InMemoryAsyncMessageBus',
  { create: () => new InMemoryAsyncMessageBus() },
  { delivery: 'concurrent' },
);
deadLetterQueueContract('InMemoryDeadLetterQueue', { create: () => new InMemoryDeadLetterQueue() });
checkpointStoreContract('InMemoryCheckpointStore', { create: () => new InMemoryCheckpointStore({ clock }) }, { clock });
sagaStateStoreContract('InMemorySagaStateStore', { create: () => new InMemorySagaStateStore({ clock }) }, { clock });
