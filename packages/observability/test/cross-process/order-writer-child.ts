// The writing process of cross-process-trace.postgres.test.ts, run as `node --import tsx order-writer-child.ts
// <url> <schema> <otlp endpoint>`: it handles one PlaceOrder command (bus → repository → PostgreSQL) under a
// `POST /orders` span, exports its spans over OTLP/HTTP to the parent, and tells it 'done' over IPC.
import { AggregateRepository } from '@orchestrix/core';
import { InMemoryMessageBus } from '@orchestrix/memory';
import { initTracing, TracingConfig } from '@orchestrix/observability';
import { PostgreSQLEventStore } from '@orchestrix/postgres';
import { Order, PlaceOrder } from './order';

async function main(): Promise<void> {
  const [connectionString, schema, otlpEndpoint] = process.argv.slice(2);
  if (connectionString === undefined || schema === undefined || otlpEndpoint === undefined) {
    throw new Error('usage: order-writer-child <connection string> <schema> <otlp endpoint>');
  }
  const tracer = initTracing(
    new TracingConfig({ serviceName: 'order-writer', exporter: 'otlp', otlpEndpoint, batchDelayMs: 50 }),
  );
  const store = new PostgreSQLEventStore({ connectionString, schema, poolMax: 2 });
  await store.initialize({ migrate: false });
  const bus = new InMemoryMessageBus({ tracer });
  const repository = new AggregateRepository({ eventStore: store, tracer });
  bus.subscribe(PlaceOrder, (command) =>
    repository.handle(Order, command.data.orderId, (order) => order.place(command.data.orderId), { create: true }),
  );
  await tracer.span('POST /orders', {}, () => bus.publish(PlaceOrder({ orderId: 'order-1' })));
  await tracer.shutdown();
  await store.close();
  await new Promise<void>((resolve) => process.send?.({ kind: 'done' }, () => resolve()));
}

main().catch((error: unknown) => {
  process.stderr.write(`order-writer-child failed: ${String(error)}\n`);
  process.exit(1);
});
