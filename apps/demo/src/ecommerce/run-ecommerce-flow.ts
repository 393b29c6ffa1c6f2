import assert from 'node:assert/strict';
import {
  AggregateRepository,
  type EventStore,
  type Message,
  type ObservabilityHooks,
  registerModules,
} from '@orchestrix/core';
import { InMemoryMessageBus } from '@orchestrix/memory';
import { instrumentBus } from '@orchestrix/observability';
import { formatError } from '../report/format-error';
import { handlerCauseOf } from '../report/handler-cause-of';
import { JournalBus } from '../report/journal-bus';
import type { Report } from '../report/report';
import { shortId } from '../report/short-id';
import { InvalidOrderStateError } from './invalid-order-state-error';
import { CancelOrder } from './messages/cancel-order';
import { PlaceOrder } from './messages/place-order';
import { Order } from './order';
import { OrderModule } from './order-module';
import { OrderProcessManager } from './order-process-manager';

/** Units on hand in the demo's warehouse: the monitor is sold out. */
const STOCK: ReadonlyMap<string, number> = new Map([
  ['keyboard-k2', 10],
  ['mouse-m1', 5],
  ['monitor-27', 0],
]);

/** What the e-commerce flow leaves behind for the summary. */
export interface EcommerceFlowResult {
  /** The orders placed, in order. */
  readonly orderIds: readonly string[];
  /** The code of the error that refused cancelling a confirmed order. */
  readonly refusedCancelCode: string;
}

/** Checks and reports that every message of one flow shares one correlation id and forms one causation chain. */
function reportChain(report: Report, chain: readonly Message[]): void {
  const [root] = chain;
  assert.ok(root !== undefined, 'the flow published no message');
  chain.forEach((message, index) => {
    assert.equal(message.correlationId ?? message.id, root.id, `${message.type} left the flow's correlation`);
    if (index > 0) assert.equal(message.causationId, chain[index - 1]?.id, `${message.type} has the wrong cause`);
  });
  report.detail(`all ${chain.length} messages share corr=${shortId(root.id)} (the id of ${root.type});`);
  report.detail('each cause= is the id= of the line above it: a causation chain, propagated by AsyncLocalStorage.');
}

async function reportOrder(report: Report, store: EventStore, repository: AggregateRepository, orderId: string) {
  const order = await repository.load(Order, orderId);
  const version = await store.streamVersion(orderId);
  const reason = order.cancellationReason === undefined ? '' : ` (${order.cancellationReason})`;
  report.detail(`store: ${orderId} is ${order.status}${reason} at v${version}, total ${order.totalAmount}`);
}

/**
 * Runs the e-commerce flow on `store`: a confirmed order, an order cancelled because an item is out of
 * stock, and a cancellation refused after confirmation. Writes every step to `report`. The bus and the
 * order repository report to `hooks`.
 */
export async function runEcommerceFlow(
  store: EventStore,
  report: Report,
  hooks: ObservabilityHooks = {},
): Promise<EcommerceFlowResult> {
  report.section('E-commerce: orders driven by events');
  report.detail('OrderModule handles PlaceOrder, PayOrder, ReserveInventory, ConfirmOrder and CancelOrder with');
  report.detail('repository.handle. OrderProcessManager turns OrderPlaced into PayOrder (CancelOrder when out of');
  report.detail('stock), PaymentCompleted into ReserveInventory, InventoryReserved into ConfirmOrder.');
  const bus = new JournalBus(instrumentBus(new InMemoryMessageBus(), hooks), (line) => report.line(line));
  await registerModules(bus, store, [new OrderModule(hooks), new OrderProcessManager({ stock: STOCK })]);
  const repository = new AggregateRepository({ eventStore: store });

  report.step('Place order-1001: 2 x keyboard-k2 at 29.99, 1 x mouse-m1 at 49.99');
  let first = bus.published.length;
  await bus.publish(
    PlaceOrder({
      orderId: 'order-1001',
      customerId: 'customer-7',
      items: [
        { productId: 'keyboard-k2', quantity: 2, unitPrice: 29.99 },
        { productId: 'mouse-m1', quantity: 1, unitPrice: 49.99 },
      ],
    }),
  );
  reportChain(report, bus.published.slice(first));
  await reportOrder(report, store, repository, 'order-1001');

  report.step('Place order-1002: 1 x monitor-27 at 199.00, which is out of stock');
  first = bus.published.length;
  await bus.publish(
    PlaceOrder({
      orderId: 'order-1002',
      customerId: 'customer-8',
      items: [{ productId: 'monitor-27', quantity: 1, unitPrice: 199 }],
    }),
  );
  reportChain(report, bus.published.slice(first));
  await reportOrder(report, store, repository, 'order-1002');

  report.step('The customer tries to cancel order-1001 after its confirmation');
  const versionBefore = await store.streamVersion('order-1001');
  let refusal: unknown;
  try {
    await bus.publish(CancelOrder({ orderId: 'order-1001', reason: 'changed my mind' }));
  } catch (error) {
    report.detail(`publish rejected: ${formatError(error)}`);
    refusal = handlerCauseOf(error);
  }
  assert.ok(refusal instanceof InvalidOrderStateError, 'cancelling a confirmed order was expected to be refused');
  report.detail(`its cause: ${formatError(refusal)}`);
  const versionAfter = await store.streamVersion('order-1001');
  assert.equal(versionAfter, versionBefore, 'a refused command wrote events');
  report.detail(`nothing written: order-1001 is still at v${versionAfter}`);

  return { orderIds: ['order-1001', 'order-1002'], refusedCancelCode: refusal.code };
}
