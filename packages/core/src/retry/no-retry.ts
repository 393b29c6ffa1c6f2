import type { RetryPolicy } from './retry-policy';

/**
 * Never retries: the first failure is final.
 *
 * @example
 * await retry(() => chargeCard(payment), new NoRetry()); // one attempt only
 */
export class NoRetry implements RetryPolicy {
  readonly maxRetries = 0;

  /** Always returns `undefined`: no retry is left. */
  delayBeforeRetry(_attempt: number): undefined {
    return undefined;
  }
}
