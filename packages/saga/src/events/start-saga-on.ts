import {
  ConcurrencyError,
  type Logger,
  type MessageBus,
  type MessageFactory,
  noopLogger,
  SagaError,
  type SubscribedMessage,
} from '@orchestrix/core';
import type { Saga } from '../saga';
import { sagaIdForEvent } from './saga-id-for-event';

/** Options of {@link startSagaOn}. */
export interface StartSagaOnOptions<M> {
  /** Names the handler on the bus (in errors, dead letters, metrics); `start-saga:<sagaType>` unless given. */
  readonly name?: string;
  /**
   * The saga id for an event; it must give the same id for the same event. `sagaIdForEvent(sagaType,
   * event.id)` unless given.
   */
  readonly sagaId?: (event: M) => string;
  /** Logs sagas that ended compensated or failed, and duplicate deliveries; nothing unless given. */
  readonly logger?: Logger;
}

/**
 * Starts `saga` for every event of `type` published on `bus`, with the input `toInput` makes of it, and
 * returns the function that unsubscribes. The saga id derives from the saga type and the event id, so a
 * second delivery of the same event (a retry, a redelivery, a redrive) finds the saga already stored and
 * starts nothing: its first save expects version 0 and gets `ConcurrencyError`, which the handler takes as
 * "already started". The handler settles when the saga has ended.
 *
 * A saga that ended `compensated` or `failed` resolves the handler too: its outcome is in its state, and
 * handling the event again could not change it. Any other error (the state store is down) rejects, so the
 * bus retries or dead-letters the event; a saga that was saved before the store failed is continued by a
 * {@link SagaRecoveryWorker} once its lease expires.
 *
 * @example
 * const unsubscribe = startSagaOn(bus, OrderPlaced, orderSaga, (event) => ({ orderId: event.data.orderId, amount: event.data.amount }));
 */
export function startSagaOn<F extends MessageFactory | string, I>(
  bus: MessageBus,
  type: F,
  saga: Saga<I>,
  toInput: (event: SubscribedMessage<F>) => I,
  options: StartSagaOnOptions<SubscribedMessage<F>> = {},
): () => void {
  const logger = options.logger ?? noopLogger;
  const name = options.name ?? `start-saga:${saga.sagaType}`;
  const handle = async (event: SubscribedMessage<F>): Promise<void> => {
    const sagaId = options.sagaId?.(event) ?? sagaIdForEvent(saga.sagaType, event.id);
    try {
      await saga.execute(toInput(event), { sagaId });
    } catch (error) {
      if (error instanceof ConcurrencyError && error.subject === 'saga') {
        logger.debug('Saga already started by this event, or taken over by another process', { sagaId });
        return;
      }
      if (error instanceof SagaError) {
        logger.warn('Saga started by an event did not complete', { sagaId, error });
        return;
      }
      throw error;
    }
  };
  return bus.subscribe(type, handle, { name });
}
