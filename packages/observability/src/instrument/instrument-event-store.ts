import {
  currentMessageContext,
  type Event,
  type EventStore,
  type ExpectedVersion,
  type ObservabilityHooks,
  type OperationStatus,
  type Snapshot,
  type SnapshotStore,
  type Span,
  type SpanAttributes,
  type StorageOperation,
  traced,
} from '@orchestrix/core';
import { delegatingProxy } from './internal/delegating-proxy';
import { measureSafely } from './internal/measure-safely';
import { traceContextOf, withTraceContext } from './internal/with-trace-context';

/** Options of {@link instrumentEventStore}: the hooks, and how its spans are made. */
export interface InstrumentEventStoreOptions extends ObservabilityHooks {
  /** OpenTelemetry's `db.system.name` on every span, e.g. `'postgresql'`; left out unless given. */
  readonly dbSystem?: string;
  /**
   * Starts spans only while a trace context is active (a handler's span, or one opened with core's
   * `traced`), so a projection runner polling the store starts no root span per poll; `false` unless
   * given. Metrics are reported either way.
   */
  readonly requireParentSpan?: boolean;
}

/** `{ [key]: value }` when `value` is an attribute value, else nothing (a bad argument is the store's to reject). */
function attribute(key: string, value: unknown): SpanAttributes {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? { [key]: value } : {};
}

/** Reports how many events a read returned on its span. */
function countResult<T>(span: Span | undefined, events: T): T {
  if (span !== undefined && Array.isArray(events)) span.setAttribute('orchestrix.result_count', events.length);
  return events;
}

/**
 * Returns `store` with metrics and spans attached: an object of the same type (a proxy: `instanceof`, `in`
 * and every other member, such as `initialize` or `close`, reach `store`) that returns and throws exactly
 * what `store` does. Optional members stay optional: `countAfter` and `onAppend` exist on it only when
 * `store` has them, and so do the `SnapshotStore` methods.
 *
 * - Every operation runs in an `event_store.<operation>` client span, `<operation>` being core's
 *   `StorageOperation` (`save`, `load`, `load_by_trace`, `read_all`, `stream_version`, `count_after`,
 *   `save_snapshot`, `load_snapshot`), with `db.operation.name` and `orchestrix.*` attributes (stream id,
 *   event count, expected version, …), a failure recorded on it; and reports `storageOperation` with the
 *   number of events written (`0` for the other operations), as the stores do.
 * - `save` called while a message context is active (a handler, or a `traced` span) stores each event
 *   without a traceparent as a frozen copy carrying the current context's `traceId` and `traceparent`,
 *   so projections of it are children of the span that wrote it; events that have one are stored as given.
 *
 * Instrumenting is the one path: build the store without `metrics` and instrument it, not both.
 *
 * @example
 * const store = instrumentEventStore(new PostgreSQLEventStore({ connectionString }), { metrics, tracer, dbSystem: 'postgresql' });
 * await store.initialize();
 */
export function instrumentEventStore<S extends EventStore>(store: S, options: InstrumentEventStoreOptions = {}): S {
  const { metrics, tracer, dbSystem, requireParentSpan = false } = options;

  function run<T>(
    operation: StorageOperation,
    eventCount: number,
    attributes: SpanAttributes,
    work: (span: Span | undefined) => Promise<T>,
  ): Promise<T> {
    const spanTracer = requireParentSpan && currentMessageContext()?.traceparent === undefined ? undefined : tracer;
    const record =
      metrics?.storageOperation === undefined
        ? undefined
        : (status: OperationStatus, durationMs: number): void =>
            metrics.storageOperation?.({ operation, status, durationMs, eventCount });
    const spanAttributes = {
      'db.operation.name': operation,
      ...(dbSystem === undefined ? {} : { 'db.system.name': dbSystem }),
      ...attributes,
    };
    return measureSafely(record, () =>
      traced(spanTracer, `event_store.${operation}`, { kind: 'client', attributes: spanAttributes }, work),
    );
  }

  // Called only when `store` has them: the proxy offers a member only when `store` does.
  const snapshots = store as unknown as SnapshotStore;
  const overrides: Partial<Record<keyof EventStore | keyof SnapshotStore, unknown>> = {
    save(streamId: string, events: readonly Event[], ...rest: [expectedVersion?: ExpectedVersion]) {
      const context = traceContextOf(currentMessageContext());
      const stamped =
        context !== undefined && Array.isArray(events)
          ? events.map((event: Event) => withTraceContext(event, context))
          : events;
      const count = Array.isArray(events) ? events.length : 0;
      const attributes = {
        ...attribute('orchestrix.stream_id', streamId),
        'orchestrix.event_count': count,
        ...attribute('orchestrix.expected_version', rest[0]),
      };
      return run('save', count, attributes, () => store.save(streamId, stamped, ...rest));
    },
    load(...args: Parameters<EventStore['load']>) {
      const attributes = {
        ...attribute('orchestrix.stream_id', args[0]),
        ...attribute('orchestrix.from_version', args[1]),
      };
      return run('load', 0, attributes, async (span) => countResult(span, await store.load(...args)));
    },
    loadByTrace(...args: Parameters<EventStore['loadByTrace']>) {
      const attributes = attribute('orchestrix.trace_id', args[0]);
      return run('load_by_trace', 0, attributes, async (span) => countResult(span, await store.loadByTrace(...args)));
    },
    readAll(...args: Parameters<EventStore['readAll']>) {
      const [readOptions] = args;
      const attributes = {
        ...attribute('orchestrix.position.after', readOptions?.after?.toString()),
        ...attribute('orchestrix.limit', readOptions?.limit),
        ...attribute('orchestrix.types', readOptions?.types?.join(',')),
      };
      return run('read_all', 0, attributes, async (span) => countResult(span, await store.readAll(...args)));
    },
    streamVersion(...args: Parameters<EventStore['streamVersion']>) {
      return run('stream_version', 0, attribute('orchestrix.stream_id', args[0]), () => store.streamVersion(...args));
    },
    countAfter(after: bigint) {
      const attributes = attribute('orchestrix.position.after', typeof after === 'bigint' ? after.toString() : after);
      return run('count_after', 0, attributes, () => (store as Required<EventStore>).countAfter(after));
    },
    saveSnapshot(snapshot: Snapshot) {
      const attributes = {
        ...attribute('orchestrix.aggregate.id', snapshot?.aggregateId),
        ...attribute('orchestrix.aggregate.type', snapshot?.aggregateType),
        ...attribute('orchestrix.version', snapshot?.version),
      };
      return run('save_snapshot', 0, attributes, () => snapshots.saveSnapshot(snapshot));
    },
    loadSnapshot(aggregateId: string) {
      const attributes = attribute('orchestrix.aggregate.id', aggregateId);
      return run('load_snapshot', 0, attributes, () => snapshots.loadSnapshot(aggregateId));
    },
  };
  return delegatingProxy(store, overrides);
}
