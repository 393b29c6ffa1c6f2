// pnpm bench (observability): what instrumenting costs, side by side in one run. The in-memory bus publishing
// to one handler, plain and through instrumentBus with PrometheusMetrics and a JaegerTracer sampling 100%
// (spans through a batch processor into an exporter that discards them, so no network is measured); and
// single-event appends to PostgreSQL, plain and through instrumentEventStore with the same hooks, each store
// in its own schema. Sides alternate in every round; medians of 7 rounds after a warm-up, with min–max.
import { randomBytes } from 'node:crypto';
import { ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { defineEvent, type EventStore, type MessageBus, payload } from '@orchestrix/core';
import { InMemoryMessageBus } from '@orchestrix/memory';
import {
  initTracing,
  instrumentBus,
  instrumentEventStore,
  PrometheusMetrics,
  TracingConfig,
} from '@orchestrix/observability';
import { PostgreSQLEventStore } from '@orchestrix/postgres';
import pg from 'pg';

const DATABASE_URL = process.env.ORCHESTRIX_TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const ROUNDS = 7;
const BUS_MESSAGES = 50_000;
const APPENDS = 1_000;
/** The least instrumented/plain append throughput the issue accepts. */
const APPEND_TARGET = 0.9;

const ItemAdded = defineEvent('ItemAdded', payload<{ sku: string; quantity: number; note: string }>());

/** Counts what it is given and drops it: the cost of tracing without the network's. */
class DiscardingExporter implements SpanExporter {
  exported = 0;
  export(spans: ReadableSpan[], done: (result: { code: ExportResultCode }) => void): void {
    this.exported += spans.length;
    done({ code: ExportResultCode.SUCCESS });
  }
  async shutdown(): Promise<void> {}
  async forceFlush(): Promise<void> {}
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function cell(values: readonly number[], digits = 0): string {
  const format = (value: number): string =>
    value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${format(median(values))} (${format(Math.min(...values))}–${format(Math.max(...values))})`;
}

/** Microseconds per publish of `count` events to one handler. */
async function publishRun(bus: MessageBus, count: number): Promise<number> {
  const events = Array.from({ length: count }, (_, index) =>
    ItemAdded({ sku: `sku-${index % 50}`, quantity: 1, note: 'n' }),
  );
  const started = performance.now();
  for (const event of events) await bus.publish(event);
  return ((performance.now() - started) * 1000) / count;
}

/** Appends per second: `count` single-event appends, each to a new stream. */
async function appendRun(store: EventStore, count: number, run: string): Promise<number> {
  const started = performance.now();
  for (let index = 0; index < count; index += 1) {
    await store.save(
      `${run}-${index}`,
      [ItemAdded({ sku: `sku-${index % 50}`, quantity: 1, note: 'x'.repeat(200) })],
      0,
    );
  }
  return count / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const exporter = new DiscardingExporter();
  const tracer = initTracing(
    new TracingConfig({ serviceName: 'bench', exporter, batchSpans: true, batchDelayMs: 200, samplerParam: 1 }),
  );
  const metrics = new PrometheusMetrics();

  let handled = 0;
  const plainBus = new InMemoryMessageBus();
  const tracedBus = instrumentBus(new InMemoryMessageBus(), { metrics, tracer });
  for (const bus of [plainBus, tracedBus]) {
    bus.subscribe(ItemAdded, () => {
      handled += 1;
    });
  }

  const run = randomBytes(4).toString('hex');
  const schemas = [`orx_bench_obs_plain_${run}`, `orx_bench_obs_traced_${run}`];
  const plainStore = new PostgreSQLEventStore({
    connectionString: DATABASE_URL,
    schema: schemas[0] as string,
    poolMax: 2,
  });
  const rawTracedStore = new PostgreSQLEventStore({
    connectionString: DATABASE_URL,
    schema: schemas[1] as string,
    poolMax: 2,
  });
  await plainStore.initialize();
  await rawTracedStore.initialize();
  const tracedStore = instrumentEventStore(rawTracedStore, { metrics, tracer });

  const samples = {
    plainBus: [] as number[],
    tracedBus: [] as number[],
    plainAppend: [] as number[],
    tracedAppend: [] as number[],
  };
  try {
    for (let round = -1; round < ROUNDS; round += 1) {
      const started = performance.now();
      const order = round % 2 === 0 ? ['plain', 'traced'] : ['traced', 'plain'];
      for (const side of order) {
        const bus = side === 'plain' ? plainBus : tracedBus;
        const micros = await publishRun(bus, BUS_MESSAGES);
        if (round >= 0) (side === 'plain' ? samples.plainBus : samples.tracedBus).push(micros);
      }
      for (const side of order) {
        const store = side === 'plain' ? plainStore : tracedStore;
        const rate = await appendRun(store, APPENDS, `r${round + 1}-${side}`);
        if (round >= 0) (side === 'plain' ? samples.plainAppend : samples.tracedAppend).push(rate);
      }
      process.stderr.write(
        `  ${round < 0 ? 'warm-up' : `round ${round + 1}/${ROUNDS}`} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
      );
    }
    await tracer.forceFlush();
  } finally {
    await plainStore.close();
    await rawTracedStore.close();
    const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 1 });
    for (const schema of schemas) await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.end();
  }

  const appendRatios = samples.tracedAppend.map((rate, index) => rate / (samples.plainAppend[index] ?? Number.NaN));
  const busOverhead = samples.tracedBus.map((micros, index) => micros - (samples.plainBus[index] ?? Number.NaN));
  const ratio = median(appendRatios);
  console.log(`\n@orchestrix/observability instrumentation cost — Node ${process.version}, tracing sampled at 100%`);
  console.log(
    `(${exporter.exported.toLocaleString('en-US')} spans exported, ${handled.toLocaleString('en-US')} messages handled)\n`,
  );
  console.log('| workload | plain | instrumented | instrumented/plain | overhead | target |');
  console.log('|---|---:|---:|---:|---:|---|');
  console.log(
    `| in-memory bus publish, 1 handler (µs/message) | ${cell(samples.plainBus, 2)} | ${cell(samples.tracedBus, 2)} | ${(median(samples.tracedBus) / median(samples.plainBus)).toFixed(1)}× time | +${median(busOverhead).toFixed(2)} µs/message | reported |`,
  );
  console.log(
    `| PostgreSQL append, 1 event to a new stream (appends/s) | ${cell(samples.plainAppend)} | ${cell(samples.tracedAppend)} | ${ratio.toFixed(2)}× | ${((1 / median(samples.tracedAppend) - 1 / median(samples.plainAppend)) * 1e6).toFixed(0)} µs/append | ≥ ${APPEND_TARGET}× ${ratio >= APPEND_TARGET ? 'met' : 'MISSED'} |`,
  );
  await tracer.shutdown();
}

await main();
