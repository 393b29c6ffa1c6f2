import {
  type ClaimExpiredOptions,
  type SagaStateFilter,
  type SagaStateRecord,
  type SagaStateStore,
  type SagaStateUpdate,
  StoreUnavailableError,
} from '@orchestrix/core';

/**
 * A saga state store that goes down on demand: while `isDown`, every call rejects with
 * `StoreUnavailableError`, as an unreachable database's store does; otherwise it passes calls on.
 */
export class SwitchableSagaStateStore implements SagaStateStore {
  readonly #store: SagaStateStore;
  isDown = false;

  constructor(store: SagaStateStore) {
    this.#store = store;
  }

  load(sagaId: string): Promise<SagaStateRecord | undefined> {
    return this.#whenUp(() => this.#store.load(sagaId));
  }

  save(update: SagaStateUpdate, expectedVersion: number): Promise<SagaStateRecord> {
    return this.#whenUp(() => this.#store.save(update, expectedVersion));
  }

  claimExpired(options: ClaimExpiredOptions): Promise<SagaStateRecord[]> {
    return this.#whenUp(() => this.#store.claimExpired(options));
  }

  renewLease(sagaId: string, owner: string, leaseMs: number): Promise<boolean> {
    return this.#whenUp(() => this.#store.renewLease(sagaId, owner, leaseMs));
  }

  list(filter?: SagaStateFilter): Promise<SagaStateRecord[]> {
    return this.#whenUp(() => this.#store.list(filter));
  }

  async #whenUp<T>(call: () => Promise<T>): Promise<T> {
    if (this.isDown) throw new StoreUnavailableError('The saga state store is down: try again once it is back.');
    return call();
  }
}
