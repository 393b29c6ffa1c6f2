/** Options every Orchestrix error accepts: the wrapped `cause` and whether retrying is safe. */
export interface OrchestrixErrorOptions {
  readonly cause?: unknown;
  readonly retryable?: boolean;
}

/** Base of every error Orchestrix throws. Match on `code` or `instanceof`, never on `message`. */
export abstract class OrchestrixError extends Error {
  /** Stable identifier of the error kind, e.g. `CONCURRENCY`. Never changes once released. */
  abstract readonly code: string;
  /** `true` when repeating the same operation may succeed (a conflict, a lost connection). */
  readonly retryable: boolean;

  constructor(message: string, options: OrchestrixErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.retryable = options.retryable ?? false;
  }
}
