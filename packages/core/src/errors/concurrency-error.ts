import { OrchestrixError } from './orchestrix-error';

/** A writer's expected version did not match: someone else wrote first. Nothing was written. */
export class ConcurrencyError extends OrchestrixError {
  readonly code = 'CONCURRENCY';
  readonly streamId: string;
  /** What the writer expected: a version number or one of `'no_stream'`, `'stream_exists'`. */
  readonly expectedVersion: number | string;
  /** The stream's version when the write was refused. */
  readonly actualVersion: number;

  constructor(
    streamId: string,
    expectedVersion: number | string,
    actualVersion: number,
    options: { cause?: unknown } = {},
  ) {
    super(
      `Stream "${streamId}" is at version ${actualVersion}, not ${String(expectedVersion)}: reload it and decide again.`,
      { ...options, retryable: true },
    );
    this.streamId = streamId;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }
}
