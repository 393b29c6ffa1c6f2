import { OrchestrixError } from './orchestrix-error';

/** A store cannot serve requests: unreachable, not initialised, or on an outdated schema. */
export class StoreUnavailableError extends OrchestrixError {
  readonly code = 'STORE_UNAVAILABLE';

  constructor(message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(message, options);
  }
}
