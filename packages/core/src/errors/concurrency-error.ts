import { OrchestrixError } from './orchestrix-error';

/** What a {@link ConcurrencyError} is about: an event stream (the default), a checkpoint or a saga state. */
export type ConcurrencySubject = 'stream' | 'checkpoint' | 'saga';

/** A writer's expected version did not match: someone else wrote first. Nothing was written. */
export class ConcurrencyError extends OrchestrixError {
  readonly code = 'CONCURRENCY';
  /** The stream (or checkpoint name, or saga id) that was written concurrently. */
  readonly streamId: string;
  /** What the writer expected: a version or position, or one of `'no_stream'`, `'stream_exists'`. */
  readonly expectedVersion: number | bigint | string;
  /** The version (or checkpoint position) found when the write was refused. */
  readonly actualVersion: number | bigint;
  readonly subject: ConcurrencySubject;

  constructor(
    streamId: string,
    expectedVersion: number | bigint | string,
    actualVersion: number | bigint,
    options: { cause?: unknown; subject?: ConcurrencySubject } = {},
  ) {
    const subject = options.subject ?? 'stream';
    const noun = subject === 'stream' ? 'Stream' : subject === 'checkpoint' ? 'Checkpoint' : 'Saga';
    const unit = subject === 'checkpoint' ? 'position' : 'version';
    super(
      `${noun} "${streamId}" is at ${unit} ${String(actualVersion)}, not ${String(expectedVersion)}: reload it and decide again.`,
      { cause: options.cause, retryable: true },
    );
    this.streamId = streamId;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
    this.subject = subject;
  }
}
