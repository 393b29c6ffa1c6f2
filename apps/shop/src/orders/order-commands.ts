import {
  AggregateNotFoundError,
  type AggregateRepository,
  ConcurrencyError,
  HandlerError,
  type MessageBus,
  type MessageOf,
} from '@orchestrix/core';
import { CancelOrder } from './messages/cancel-order';
import { PayOrder } from './messages/pay-order';
import { PlaceOrder } from './messages/place-order';
import { ShipOrder } from './messages/ship-order';
import { Order } from './order';
import { OrderNotFoundError } from './order-not-found-error';

/** A command of the orders context. */
export type OrderCommand =
  | MessageOf<typeof PlaceOrder>
  | MessageOf<typeof PayOrder>
  | MessageOf<typeof ShipOrder>
  | MessageOf<typeof CancelOrder>;

/** What a handled order command came to. */
export interface CommandOutcome {
  readonly orderId: string;
  /** The order's version after the append. */
  readonly version: number;
  /** The global position of the append's last event: wait for it before reading the read model. */
  readonly position: bigint;
}

/** The retries after a lost race when the client gave no `expectedVersion`: the decision runs again on the new state. */
const MAX_RETRIES = 3;

/**
 * The orders context's command side. It subscribes one handler per order command on the bus, each a
 * `repository.handle` call (load, decide, save), and `send` publishes a command and hands back where its
 * append landed. A command with `expectedVersion` is decided once, and only if the order is still at that
 * version: otherwise it fails with a {@link ConcurrencyError}.
 *
 * @example
 * const commands = new OrderCommands(new InMemoryMessageBus(), new AggregateRepository({ eventStore: store }));
 * const { position } = await commands.send(PayOrder({ orderId: 'order-1', amount: 59.98 }));
 */
export class OrderCommands {
  readonly #bus: MessageBus;
  readonly #repository: AggregateRepository;
  // MessageBus.publish resolves with nothing: each handler leaves its outcome here, under the command's id.
  readonly #outcomes = new Map<string, CommandOutcome>();

  /** Subscribes the four command handlers on `bus`, loading and saving orders with `repository`. */
  constructor(bus: MessageBus, repository: AggregateRepository) {
    this.#bus = bus;
    this.#repository = repository;
    bus.subscribe(
      PlaceOrder,
      (command) => {
        const { orderId, customerId, items } = command.data;
        return this.#handle(command.id, orderId, undefined, (order) => order.place(orderId, customerId, items), true);
      },
      { name: 'placeOrder' },
    );
    bus.subscribe(
      PayOrder,
      (command) => {
        const { orderId, amount, expectedVersion } = command.data;
        return this.#handle(command.id, orderId, expectedVersion, (order) => order.pay(amount));
      },
      { name: 'payOrder' },
    );
    bus.subscribe(
      ShipOrder,
      (command) => {
        const { orderId, expectedVersion } = command.data;
        return this.#handle(command.id, orderId, expectedVersion, (order) => order.ship());
      },
      { name: 'shipOrder' },
    );
    bus.subscribe(
      CancelOrder,
      (command) => {
        const { orderId, reason, expectedVersion } = command.data;
        return this.#handle(command.id, orderId, expectedVersion, (order) => order.cancel(reason));
      },
      { name: 'cancelOrder' },
    );
  }

  /**
   * Publishes `command` on the bus and resolves once its handler saved the order.
   *
   * @throws the handler's own error, unwrapped from the bus's `HandlerError`: {@link ValidationError},
   * `InvalidOrderStateError` or {@link ConcurrencyError}; {@link OrderNotFoundError} for an unknown order.
   */
  async send(command: OrderCommand): Promise<CommandOutcome> {
    try {
      await this.#bus.publish(command);
      const outcome = this.#outcomes.get(command.id);
      if (outcome === undefined) throw new Error(`${command.type} ${command.id} was handled but wrote no event`);
      return outcome;
    } catch (error) {
      const cause = error instanceof HandlerError && !error.committed ? (error.errors[0]?.error ?? error) : error;
      throw cause instanceof AggregateNotFoundError ? new OrderNotFoundError(cause.aggregateId, { cause }) : cause;
    } finally {
      this.#outcomes.delete(command.id);
    }
  }

  async #handle(
    commandId: string,
    orderId: string,
    expectedVersion: number | undefined,
    decide: (order: Order) => void,
    create = false,
  ): Promise<void> {
    const events = await this.#repository.handle(
      Order,
      orderId,
      (order) => {
        if (expectedVersion !== undefined && order.version !== expectedVersion) {
          throw new ConcurrencyError(orderId, expectedVersion, order.version);
        }
        decide(order);
      },
      { create, maxRetries: expectedVersion === undefined ? MAX_RETRIES : 0 },
    );
    const last = events.at(-1);
    if (last !== undefined) this.#outcomes.set(commandId, { orderId, version: last.version, position: last.position });
  }
}
