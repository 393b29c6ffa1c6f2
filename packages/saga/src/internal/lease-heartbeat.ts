import { ConcurrencyError } from '@orchestrix/core';
import { isTerminalSagaStatus } from '../saga-state';
import type { SagaSettings } from './resolve-saga-options';
import type { SagaStateWriter } from './saga-state-writer';

/**
 * Renews a run's lease on its saga every third of `leaseMs`, on the definition's clock, until stopped. When
 * the store says the lease is no longer this owner's (a recovery worker claimed the saga, or a `resume`
 * took it over), `ownership` aborts with a `ConcurrencyError`: the run stops and aborts the step in flight.
 * A renewal the store fails is logged and tried again at the next beat; the run's next save reports the
 * store's error.
 *
 * @internal Shared by the saga's modules; not part of the public API.
 */
export class LeaseHeartbeat {
  readonly #definition: SagaSettings;
  readonly #writer: SagaStateWriter;
  readonly #stopper = new AbortController();
  readonly #lost = new AbortController();
  #beating: Promise<void> | undefined;

  constructor(definition: SagaSettings, writer: SagaStateWriter) {
    this.#definition = definition;
    this.#writer = writer;
  }

  /** Aborts, with a `ConcurrencyError` as its reason, once another owner holds the saga. */
  get ownership(): AbortSignal {
    return this.#lost.signal;
  }

  /** Starts renewing; the first renewal is a third of `leaseMs` from now. */
  start(): void {
    this.#beating ??= this.#beat();
  }

  /** Stops renewing and waits for a renewal in flight. */
  async stop(): Promise<void> {
    this.#stopper.abort();
    await this.#beating;
  }

  async #beat(): Promise<void> {
    const { clock, stateStore, owner, leaseMs, logger } = this.#definition;
    const { sagaId } = this.#writer.state;
    const stopped = this.#stopper.signal;
    for (;;) {
      try {
        await clock.sleep(leaseMs / 3, stopped);
      } catch {
        return;
      }
      try {
        const renewed = await stateStore.renewLease(sagaId, owner, leaseMs);
        // A terminal save released the lease on purpose: nothing was lost.
        if (renewed || stopped.aborted || isTerminalSagaStatus(this.#writer.state.status)) continue;
        logger.warn('Saga lease lost: another process owns the saga now', { sagaId, owner });
        this.#lost.abort(await this.#lostError(sagaId));
        return;
      } catch (error) {
        logger.warn('Saga lease renewal failed: trying again at the next beat', { sagaId, owner, error });
      }
    }
  }

  async #lostError(sagaId: string): Promise<ConcurrencyError> {
    const expectedVersion = this.#writer.version;
    let actualVersion = expectedVersion + 1;
    try {
      actualVersion = (await this.#definition.stateStore.load(sagaId))?.version ?? actualVersion;
    } catch {
      // The version only informs the error; the lease is lost either way.
    }
    return new ConcurrencyError(sagaId, expectedVersion, actualVersion, { subject: 'saga' });
  }
}
