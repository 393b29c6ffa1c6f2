// The instrumented in-memory adapters run the shared conformance suites of @orchestrix/testing, unchanged,
// with every hook attached: instrumenting changes no result and no error.

import { InMemoryAsyncMessageBus, InMemoryEventStore, InMemoryMessageBus } from '@orchestrix/memory';
import { instrumentBus, instrumentEventStore } from '@orchestrix/observability';
import {
  eventStoreContract,
  eventStoreModelTest,
  messageBusContract,
  RecordingBus,
  RecordingTracer,
  recordingMetrics,
  snapshotStoreContract,
} from '@orchestrix/testing';

const hooks = () => ({ metrics: recordingMetrics(), tracer: new RecordingTracer() });

eventStoreContract('instrumented InMemoryEventStore', {
  create: () => instrumentEventStore(new InMemoryEventStore(), hooks()),
  createWithUpcasters: (upcasters) => instrumentEventStore(new InMemoryEventStore({ upcasters }), hooks()),
});
eventStoreModelTest(
  'instrumented InMemoryEventStore',
  { create: () => instrumentEventStore(new InMemoryEventStore(), hooks()) },
  { runs: 50 },
);
snapshotStoreContract('instrumented InMemoryEventStore', {
  create: () => instrumentEventStore(new InMemoryEventStore(), hooks()),
});
messageBusContract(
  'instrumented InMemoryMessageBus',
  { create: () => instrumentBus(new InMemoryMessageBus(), hooks()) },
  { delivery: 'sequential' },
);
messageBusContract(
  'instrumented InMemoryAsyncMessageBus',
  { create: () => instrumentBus(new InMemoryAsyncMessageBus(), hooks()) },
  { delivery: 'concurrent' },
);
messageBusContract(
  'instrumented RecordingBus',
  { create: () => instrumentBus(new RecordingBus(), hooks()) },
  { delivery: 'sequential' },
);
