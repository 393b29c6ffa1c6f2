import type { MessageKind } from '../messages/message';

/** Whether a measured operation succeeded. */
export type OperationStatus = 'success' | 'error';

/** The store operations a store reports to {@link Metrics.storageOperation}. */
export type StorageOperation =
  | 'save'
  | 'load'
  | 'load_by_trace'
  | 'read_all'
  | 'count_after'
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
  /** A saga began to run: a new one (`resumed: false`) or one continued by `resume` or a recovery worker. */
  sagaStarted?(sample: { readonly sagaType: string; readonly resumed: boolean }): void;
  /**
   * A saga step's action finished: `success` once it completed, `error` once it failed or timed out with no
   * retry left. `durationMs` spans every attempt in this process, retry delays included.
   */
  sagaStepFinished?(sample: {
    readonly sagaType: string;
    readonly stepName: string;
    readonly status: OperationStatus;
    readonly durationMs: number;
    readonly attempts: number;
  }): void;
  /** A saga step's compensation finished: `success` once it undid the step, `error` once its retries ran out. */
  sagaCompensated?(sample: {
    readonly sagaType: string;
    readonly stepName: string;
    readonly status: OperationStatus;
    readonly durationMs: number;
    readonly attempts: number;
  }): void;
  /**
   * A saga reached a terminal status; `failed` means a compensation failed and a person must look.
   * `durationMs` runs from the saga's first save, so it includes any time its process was down.
   */
  sagaFinished?(sample: {
    readonly sagaType: string;
    readonly status: 'completed' | 'compensated' | 'failed';
    readonly durationMs: number;
  }): void;
  /** A projection runner finished a batch of a projection: `error` when a delivery failed for good in it. */
  projectionUpdated?(sample: {
    readonly projection: string;
    readonly status: OperationStatus;
    readonly durationMs: number;
    readonly eventCount: number;
  }): void;
  /** {@link ProjectionRunner.lag} counted how many events of the feed a projection is behind. */
  projectionLag?(sample: { readonly projection: string; readonly behind: number }): void;
  /** A store finished an operation. */
  storageOperation?(sample: {
    readonly operation: StorageOperation;
    readonly status: OperationStatus;
    readonly durationMs: number;
    readonly eventCount: number;
  }): void;
}
