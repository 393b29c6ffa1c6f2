import { currentMessageContext } from '../messages/message-context';
import { measure } from './measure';
import type { Metrics, StorageOperation } from './metrics';
import { traced } from './traced';
import type { Tracer } from './tracer';

/** What a store reports to, as its `metrics` and `tracer` options. */
export interface StorageHooks {
  readonly metrics?: Metrics | undefined;
  readonly tracer?: Tracer | undefined;
  /** OpenTelemetry's `db.system.name` of the store's spans, e.g. `postgresql`. */
  readonly dbSystem?: string;
}

/**
 * Runs a store operation with its hooks: a `storageOperation` sample (also when it throws) and, inside a
 * traced flow (a message context with a span), an `event_store.<operation>` client span. Outside any
 * flow no span is opened, so a runner's polling does not start a trace per read. Stores call it.
 *
 * @example return measureStorage(hooks, 'load', 0, () => this.#load(streamId));
 */
export function measureStorage<T>(
  hooks: StorageHooks,
  operation: StorageOperation,
  eventCount: number,
  work: () => Promise<T>,
): Promise<T> {
  const { metrics, tracer, dbSystem } = hooks;
  const record = metrics?.storageOperation?.bind(metrics);
  const spanned =
    tracer === undefined || currentMessageContext()?.traceparent === undefined
      ? work
      : () =>
          traced(
            tracer,
            `event_store.${operation}`,
            {
              kind: 'client',
              attributes: {
                'db.operation.name': operation,
                'orchestrix.event_count': eventCount,
                ...(dbSystem === undefined ? {} : { 'db.system.name': dbSystem }),
              },
            },
            work,
          );
  if (record === undefined) return spanned();
  return measure((status, durationMs) => record({ operation, status, durationMs, eventCount }), spanned);
}
