import { OrchestrixError } from './orchestrix-error';

/** One handler's failure, as listed in {@link HandlerError.errors}. */
export interface HandlerFailure {
  readonly handlerName: string;
  readonly error: unknown;
}

/**
 * A message handler failed. `committed` is `true` when the events were stored before publishing failed:
 * then the command must not be retried, and `storedEvents` holds what was stored.
 */
export class HandlerError extends OrchestrixError {
  readonly code = 'HANDLER';
  readonly messageType: string;
  /** The first failing handler's name. */
  readonly handlerName: string;
  /** Every failing handler, in subscription order. */
  readonly errors: readonly HandlerFailure[];
  /** `true` when the events were already committed to the store when the handler failed. */
  readonly committed: boolean;
  /** The events that were stored before publishing failed (empty unless `committed`). */
  readonly storedEvents: readonly unknown[];

  constructor(
    messageType: string,
    failures: readonly HandlerFailure[],
    options: { committed?: boolean; storedEvents?: readonly unknown[] } = {},
  ) {
    const first = failures[0] ?? { handlerName: 'unknown', error: undefined };
    const frozen = failures.map((failure) => Object.freeze({ handlerName: failure.handlerName, error: failure.error }));
    const names = failures.map((failure) => failure.handlerName).join(', ');
    const committed = options.committed ?? false;
    super(
      committed
        ? `Events were stored, then handler ${names} failed on ${messageType}: do not retry the command; fix the handler and redrive.`
        : `Handler ${names} failed on ${messageType}: see cause.`,
      { cause: first.error },
    );
    this.messageType = messageType;
    this.handlerName = first.handlerName;
    this.errors = Object.freeze(frozen);
    this.committed = committed;
    this.storedEvents = Object.freeze([...(options.storedEvents ?? [])]);
  }
}
