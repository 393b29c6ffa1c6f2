import {
  type Clock,
  type Logger,
  noopLogger,
  type SagaStateRecord,
  type SagaStateStore,
  systemClock,
  uuidv7,
  ValidationError,
  validateLeaseMs,
  validateNotEmpty,
  validatePositive,
} from '@orchestrix/core';
import { ACTIVE_SAGA_STATUSES, type SagaState } from '../saga-state';

/** What the worker needs of a saga definition: a {@link Saga} of any input type. */
export interface RecoverableSaga {
  readonly sagaType: string;
  resume(from: string | SagaStateRecord): Promise<SagaState>;
}

/** Options of {@link SagaRecoveryWorker}. */
export interface SagaRecoveryWorkerOptions {
  /** The definitions of the sagas to recover, one per `sagaType`; they must save to `stateStore`. */
  readonly sagas: readonly RecoverableSaga[];
  /** Where expired sagas are claimed. */
  readonly stateStore: SagaStateStore;
  /** Names this worker in the leases it claims; `recovery-<uuid v7>` unless given. */
  readonly owner?: string;
  /** How long a claim holds until the resumed run's first save takes the lease over; 30 000 ms unless given. */
  readonly leaseMs?: number;
  /** The wait between two polls of `start()`; 5000 ms unless given. */
  readonly pollIntervalMs?: number;
  /** The most sagas one poll claims; 10 unless given. */
  readonly limit?: number;
  /** Where the polling waits; `systemClock` unless given. */
  readonly clock?: Clock;
  /** Logs failed polls and recovered sagas; nothing unless given. */
  readonly logger?: Logger;
}

/** A saga a worker claimed and resumed, and how the resumed run ended. */
export interface RecoveredSaga {
  readonly sagaId: string;
  readonly sagaType: string;
  /** The final state, or what the run rejected with: a `SagaError` for a compensated saga, `ConcurrencyError`… */
  readonly outcome: PromiseSettledResult<SagaState>;
}

function sagasByType(sagas: readonly RecoverableSaga[]): Map<string, RecoverableSaga> {
  validateNotEmpty(sagas, 'sagas');
  const byType = new Map<string, RecoverableSaga>();
  for (const saga of sagas) {
    if (byType.has(saga.sagaType)) {
      throw new ValidationError('sagas', saga.sagaType, `sagas has two definitions of ${saga.sagaType}: give one`);
    }
    byType.set(saga.sagaType, saga);
  }
  return byType;
}

/**
 * Finishes sagas whose process died. Any number of instances can run one: each poll claims, through the
 * store's `claimExpired`, the active sagas (`pending`, `running`, `compensating`) of its types whose lease
 * expired (a running saga renews its lease on a heartbeat, so only a dead one expires), and resumes each
 * with its definition. The store gives each saga to exactly one claimant, and the claim moves its version,
 * so a process that was only slow fails its next save instead of running on.
 *
 * @throws {@link ValidationError} at construction for no sagas, two definitions of one type, or a lease,
 * poll interval or limit that is not positive.
 * @example
 * const worker = new SagaRecoveryWorker({ sagas: [orderSaga], stateStore });
 * worker.start();
 * // on shutdown
 * await worker.stop();
 */
export class SagaRecoveryWorker {
  readonly #sagas: Map<string, RecoverableSaga>;
  readonly #stateStore: SagaStateStore;
  readonly #owner: string;
  readonly #leaseMs: number;
  readonly #pollIntervalMs: number;
  readonly #limit: number;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #inFlight = new Set<Promise<RecoveredSaga>>();
  #polling: { readonly stopper: AbortController; readonly loop: Promise<void> } | undefined;

  constructor(options: SagaRecoveryWorkerOptions) {
    this.#sagas = sagasByType(options.sagas);
    this.#stateStore = options.stateStore;
    this.#owner = options.owner ?? `recovery-${uuidv7()}`;
    validateNotEmpty(this.#owner, 'owner');
    this.#leaseMs = options.leaseMs ?? 30_000;
    validateLeaseMs(this.#leaseMs);
    this.#pollIntervalMs = options.pollIntervalMs ?? 5000;
    validatePositive(this.#pollIntervalMs, 'pollIntervalMs');
    this.#limit = options.limit ?? 10;
    if (!Number.isSafeInteger(this.#limit) || this.#limit < 1) {
      throw new ValidationError('limit', this.#limit, 'limit must be a whole number of at least 1');
    }
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? noopLogger;
  }

  /**
   * Claims the expired sagas once and resumes each, concurrently; settles when all of them have ended.
   *
   * @returns Each claimed saga with how its run ended; none when nothing was expired.
   * @throws the store's error when the claim fails.
   */
  async runOnce(): Promise<RecoveredSaga[]> {
    const claimed = await this.#claim();
    return Promise.all(claimed.map((record) => this.#track(this.#recover(record))));
  }

  /** Polls every `pollIntervalMs`, from now on, until {@link SagaRecoveryWorker.stop}; resumed sagas run meanwhile. */
  start(): void {
    if (this.#polling !== undefined) return;
    const stopper = new AbortController();
    this.#polling = { stopper, loop: this.#poll(stopper.signal) };
  }

  /** Stops polling and settles once the poll in flight and every saga this worker resumed have ended. */
  async stop(): Promise<void> {
    const polling = this.#polling;
    this.#polling = undefined;
    polling?.stopper.abort();
    await polling?.loop;
    await Promise.all(this.#inFlight);
  }

  async #poll(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        for (const record of await this.#claim()) void this.#track(this.#recover(record));
      } catch (error) {
        this.#logger.warn('Saga recovery poll failed: trying again at the next poll', { owner: this.#owner, error });
      }
      try {
        await this.#clock.sleep(this.#pollIntervalMs, signal);
      } catch {
        return;
      }
    }
  }

  #claim(): Promise<SagaStateRecord[]> {
    return this.#stateStore.claimExpired({
      owner: this.#owner,
      leaseMs: this.#leaseMs,
      statuses: ACTIVE_SAGA_STATUSES,
      sagaTypes: [...this.#sagas.keys()],
      limit: this.#limit,
    });
  }

  #track(recovery: Promise<RecoveredSaga>): Promise<RecoveredSaga> {
    this.#inFlight.add(recovery);
    void recovery.finally(() => this.#inFlight.delete(recovery));
    return recovery;
  }

  /** Resumes one claimed saga; never rejects: how it ended is the outcome. */
  async #recover(record: SagaStateRecord): Promise<RecoveredSaga> {
    const { sagaId, sagaType } = record;
    const saga = this.#sagas.get(sagaType);
    let outcome: PromiseSettledResult<SagaState>;
    try {
      if (saga === undefined) throw new ValidationError('sagaType', sagaType, `No definition of ${sagaType} was given`);
      outcome = { status: 'fulfilled', value: await saga.resume(record) };
    } catch (error) {
      outcome = { status: 'rejected', reason: error };
    }
    this.#logger.info('Recovered a saga', { sagaId, sagaType, outcome: outcome.status });
    return { sagaId, sagaType, outcome };
  }
}
