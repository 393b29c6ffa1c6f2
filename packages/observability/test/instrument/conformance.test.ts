// The instrumented in-memory adapters run the shared conformance suites of @orchestrix/testing, unchanged,
// with every hook attached: instrumenting changes no result and no error. They run once with the recording
// doubles and once with the real hooks, PrometheusMetrics and a JaegerTracer exporting to memory, whose
// prom-client registry and OpenTelemetry SDK then run under every operation of the suites.

import type { ObservabilityHooks } from '@orchestrix/core';
import { InMemoryAsyncMessageBus, InMemoryEventStore, InMemoryMessageBus } from '@orchestrix/memory';
import { instrumentBus, instrumentEventStore, PrometheusMetrics } from '@orchestrix/observability';
import {
  eventStoreContract,
  eventStoreModelTest,
  messageBusContract,
  RecordingBus,
  RecordingTracer,
  recordingMetrics,
  snapshotStoreContract,
} from '@orchestrix/testing';
import { inMemoryTracing } from '../tracing/support/in-memory-tracing';

/** Real hooks for each adapter: fresh metrics, and one tracer whose exporter is emptied for each adapter. */
function realHooks(): () => ObservabilityHooks {
  const tracing = inMemoryTracing();
  return () => {
    tracing.exporter.reset();
    return { metrics: new PrometheusMetrics(), tracer: tracing.tracer };
  };
}

/** Which hooks the adapters get: `[name, a fresh set of hooks per adapter]`. */
const HOOK_SETS: readonly [string, () => ObservabilityHooks][] = [
  ['recording hooks', () => ({ metrics: recordingMetrics(), tracer: new RecordingTracer() })],
  ['PrometheusMetrics and JaegerTracer', realHooks()],
];

for (const [hookName, hooks] of HOOK_SETS) {
  const store = `InMemoryEventStore instrumented with ${hookName}`;
  eventStoreContract(store, {
    create: () => instrumentEventStore(new InMemoryEventStore(), hooks()),
    createWithUpcasters: (upcasters) => instrumentEventStore(new InMemoryEventStore({ upcasters }), hooks()),
  });
  eventStoreModelTest(store, { create: () => instrumentEventStore(new InMemoryEventStore(), hooks()) }, { runs: 50 });
  snapshotStoreContract(store, { create: () => instrumentEventStore(new InMemoryEventStore(), hooks()) });
  messageBusContract(
    `InMemoryMessageBus instrumented with ${hookName}`,
    { create: () => instrumentBus(new InMemoryMessageBus(), hooks()) },
    { delivery: 'sequential' },
  );
  messageBusContract(
    `InMemoryAsyncMessageBus instrumented with ${hookName}`,
    { create: () => instrumentBus(new InMemoryAsyncMessageBus(), hooks()) },
    { delivery: 'concurrent' },
  );
  messageBusContract(
    `RecordingBus instrumented with ${hookName}`,
    { create: () => instrumentBus(new RecordingBus(), hooks()) },
    { delivery: 'sequential' },
  );
}
