import { deepFreezeJson, type SagaLease } from '@orchestrix/core';
import { isTerminalSagaStatus, type SagaState } from '../saga-state';
import type { SagaSettings } from './resolve-saga-options';
import type { StoredSagaState } from './stored-saga-state';

/**
 * Saves one saga's transitions with optimistic versioning: each save expects the version the previous one
 * returned, holds the run's lease while the saga is active and releases it at a terminal status. A save
 * the store refuses (`ConcurrencyError`: another process owns the saga now; or the store is down) throws,
 * and the state stays as it was last saved.
 *
 * @internal Shared by the saga's modules; not part of the public API.
 */
export class SagaStateWriter {
  readonly #definition: SagaSettings;
  readonly #onSaved: (state: SagaState) => void;
  #state: StoredSagaState;
  #version: number;
  #snapshot: SagaState;

  constructor(definition: SagaSettings, state: StoredSagaState, version: number, onSaved: (state: SagaState) => void) {
    this.#definition = definition;
    this.#state = deepFreezeJson(state);
    this.#version = version;
    this.#snapshot = Object.freeze({ ...this.#state, version });
    this.#onSaved = onSaved;
  }

  /** The state as last saved (or loaded). */
  get state(): StoredSagaState {
    return this.#state;
  }

  /** The store's version of the state as last saved (or loaded). */
  get version(): number {
    return this.#version;
  }

  /** The state as last saved, with its version: what `saga.state` shows. */
  snapshot(): SagaState {
    return this.#snapshot;
  }

  /** Saves `next` with the version of the last save; on success it becomes the state. */
  async save(next: StoredSagaState): Promise<void> {
    const { stateStore, clock, owner, leaseMs, sagaType } = this.#definition;
    const lease: SagaLease | null = isTerminalSagaStatus(next.status)
      ? null
      : { owner, expiresAt: new Date(clock.now().getTime() + leaseMs).toISOString() };
    const state = deepFreezeJson(next);
    const record = await stateStore.save(
      { sagaId: state.sagaId, sagaType, status: state.status, state, lease },
      this.#version,
    );
    this.#state = state;
    this.#version = record.version;
    this.#snapshot = Object.freeze({ ...state, version: record.version });
    this.#onSaved(this.#snapshot);
  }
}
