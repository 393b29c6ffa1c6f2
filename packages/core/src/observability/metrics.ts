import type { MessageKind } from '../messages/message';

/** Whether a measured operation succeeded. */
export type OperationStatus = 'success' | 'error';

/** The store operations a store reports to {@link Metrics.storageOperation}. */
export type StorageOperation =
  | 'save'
  | 'load'
  | 'load_by_trace'
  | 'read_all'
  | 'stream_version'
  | 'save_snapshot'
  | 'load_snapshot';

/**
 * Hooks the framework calls after it measured something. Every method is optional: implement what you
 * record. Labels are type names only, never ids. `@orchestrix/observability` implements them on
 * prom-client; core never imports a metrics library. Hooks must not throw.
 */
export interface Metrics {
  /** A bus handler finished handling a message. */
  messageHandled?(sample: {
    readonly kind: MessageKind;
    readonly messageType: string;
    readonly handlerName: string;
    readonly status: OperationStatus;
    readonly durationMs: number;
  }): void;
  /** A bus finished publishing a message to all its handlers. */
  messagePublished?(sample: {
    readonly kind: MessageKind;
    readonly messageType: string;
    readonly status: OperationStatus;
    readonly durationMs: number;
  }): void;
  /** A message was dead-lettered for a handler. */
  deadLettered?(sample: { readonly messageType: string; readonly handlerName: string }): void;
  /** The repository loaded (or failed to load) an aggregate. */
  aggregateLoaded?(sample: {
    readonly aggregateType: string;
    readonly status: OperationStatus;
    readonly durationMs: number;
    readonly eventCount: number;
  }): void;
  /** The repository's `handle` ran a command's load–decide–save cycle. */
  commandHandled?(sample: {
    readonly aggregateType: string;
    readonly status: OperationStatus;
    readonly durationMs: number;
    readonly attempts: number;
  }): void;
  /** A store finished an operation. */
  storageOperation?(sample: {
    readonly operation: StorageOperation;
    readonly status: OperationStatus;
    readonly durationMs: number;
    readonly eventCount: number;
  }): void;
}
