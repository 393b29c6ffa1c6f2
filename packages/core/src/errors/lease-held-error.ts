import { OrchestrixError } from './orchestrix-error';

/** Another runner instance holds the lease on a projection, so this one may not run or rebuild it now. */
export class LeaseHeldError extends OrchestrixError {
  readonly code = 'LEASE_HELD';
  /** The projection or subscription whose lease is held. */
  readonly projectionName: string;

  constructor(projectionName: string, options: { cause?: unknown } = {}) {
    super(
      `Another runner instance holds the lease on projection "${projectionName}": stop that runner (or run this there) and try again.`,
      { ...options, retryable: true },
    );
    this.projectionName = projectionName;
  }
}
