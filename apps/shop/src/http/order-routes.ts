import { uuidv7 } from '@orchestrix/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { CancelOrder } from '../orders/messages/cancel-order';
import { PayOrder } from '../orders/messages/pay-order';
import { PlaceOrder } from '../orders/messages/place-order';
import { ShipOrder } from '../orders/messages/ship-order';
import type { CommandOutcome, OrderCommands } from '../orders/order-commands';
import type { OrderItem } from '../orders/order-item';
import { OrderNotFoundError } from '../orders/order-not-found-error';
import type { OrderStatus } from '../orders/order-status';
import { validateText } from '../orders/validate-text';
import type { OrderReadModel } from '../read-model/order-read-model';
import type { ReadModelBarrier } from './read-model-barrier';
import { bodyFields, positionAfter } from './request-input';

/** What the order routes run on. */
export interface OrderRoutesOptions {
  readonly commands: OrderCommands;
  readonly readModel: OrderReadModel;
  readonly barrier: ReadModelBarrier;
}

/** The body of every write's response. */
export interface WriteResponse {
  readonly orderId: string;
  readonly status: OrderStatus;
  readonly version: number;
  /** The global position of the write's last event, as a string (a bigint does not fit JSON numbers). */
  readonly position: string;
  /** `false` when the read model had not caught up within the timeout (status 202): read with `?after=position`. */
  readonly projected: boolean;
}

interface OrderParams {
  readonly id: string;
}

interface ReadQuery {
  readonly after?: unknown;
}

/**
 * Registers the order routes: `POST /orders`, `POST /orders/:id/pay|ship|cancel`, `GET /orders/:id` and
 * `GET /customers/:customerId/orders`. Every write goes through the command bus, then waits until the
 * projections hold it (read-your-writes) before it answers; reads take `?after=<position>` as well.
 * Handlers throw; the app's error handler turns errors into responses.
 *
 * @example registerOrderRoutes(app, { commands, readModel, barrier: new ReadModelBarrier(runner, 5000) });
 */
export function registerOrderRoutes(app: FastifyInstance, options: OrderRoutesOptions): void {
  const { commands, readModel, barrier } = options;

  /** Answers a write once the read model holds it, or with 202 when it did not catch up in time. */
  const answer = async (reply: FastifyReply, outcome: CommandOutcome, status: OrderStatus, statusCode: number) => {
    const projected = await barrier.reached(outcome.position);
    const { orderId, version, position } = outcome;
    const body: WriteResponse = { orderId, status, version, position: position.toString(), projected };
    return reply.code(projected ? statusCode : 202).send(body);
  };

  app.post('/orders', async (request, reply) => {
    // The factory checks every field at runtime; the cast only names what it expects.
    const fields = bodyFields(request.body, true) as { customerId: string; items: readonly OrderItem[] };
    const orderId = uuidv7();
    const outcome = await commands.send(PlaceOrder({ customerId: fields.customerId, items: fields.items, orderId }));
    reply.header('location', `/orders/${orderId}`);
    return answer(reply, outcome, 'PENDING', 201);
  });

  app.post<{ Params: OrderParams }>('/orders/:id/pay', async (request, reply) => {
    const fields = bodyFields(request.body, true) as { amount: number; expectedVersion?: number };
    const outcome = await commands.send(PayOrder({ ...fields, orderId: request.params.id }));
    return answer(reply, outcome, 'PAID', 200);
  });

  app.post<{ Params: OrderParams }>('/orders/:id/ship', async (request, reply) => {
    const fields = bodyFields(request.body, false) as { expectedVersion?: number };
    const outcome = await commands.send(ShipOrder({ ...fields, orderId: request.params.id }));
    return answer(reply, outcome, 'SHIPPED', 200);
  });

  app.post<{ Params: OrderParams }>('/orders/:id/cancel', async (request, reply) => {
    const fields = bodyFields(request.body, false) as { reason?: string; expectedVersion?: number };
    const outcome = await commands.send(CancelOrder({ ...fields, orderId: request.params.id }));
    return answer(reply, outcome, 'CANCELLED', 200);
  });

  app.get<{ Params: OrderParams; Querystring: ReadQuery }>('/orders/:id', async (request) => {
    const orderId = request.params.id;
    validateText(orderId, 'orderId');
    await barrier.require(positionAfter(request.query.after));
    const order = await readModel.findOrder(orderId);
    if (order === undefined) throw new OrderNotFoundError(orderId);
    return order;
  });

  app.get<{ Params: { readonly customerId: string }; Querystring: ReadQuery }>(
    '/customers/:customerId/orders',
    async (request) => {
      const { customerId } = request.params;
      validateText(customerId, 'customerId');
      await barrier.require(positionAfter(request.query.after));
      return { customerId, orders: await readModel.ordersOfCustomer(customerId) };
    },
  );
}
