import { type ProjectionRunner, TimeoutError } from '@orchestrix/core';
import { ReadModelBehindError } from './read-model-behind-error';

/**
 * Read-your-writes for the HTTP routes: waits until every projection of the runner has handled the
 * event at a position (the last position of a write), up to `timeoutMs`.
 *
 * @example
 * const barrier = new ReadModelBarrier(runner, 5000);
 * const isProjected = await barrier.reached(outcome.position);
 */
export class ReadModelBarrier {
  readonly #runner: ProjectionRunner;
  readonly #timeoutMs: number;

  /** @param timeoutMs - The longest a request waits for the projections, in milliseconds. */
  constructor(runner: ProjectionRunner, timeoutMs: number) {
    this.#runner = runner;
    this.#timeoutMs = timeoutMs;
  }

  /** `true` once every projection reached `position`; `false` when that took longer than the timeout. */
  async reached(position: bigint): Promise<boolean> {
    try {
      await this.#runner.waitFor(position, { timeoutMs: this.#timeoutMs });
      return true;
    } catch (error) {
      if (error instanceof TimeoutError) return false;
      throw error;
    }
  }

  /**
   * Resolves once every projection reached `position`, at once when it is `undefined`.
   *
   * @throws {@link ReadModelBehindError} when that took longer than the timeout.
   */
  async require(position: bigint | undefined): Promise<void> {
    if (position === undefined || (await this.reached(position))) return;
    throw new ReadModelBehindError(position, this.#timeoutMs);
  }
}
