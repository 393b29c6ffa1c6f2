// pnpm bench (memory): append and load throughput of InMemoryEventStore, publish throughput of the buses.
// Workload: events with a ~250-byte payload; a stream of 100k events; medians of 7 runs after a warm-up.
import { defineEvent, type Message, payload } from '@orchestrix/core';
import { InMemoryAsyncMessageBus, InMemoryEventStore, InMemoryMessageBus } from '@orchestrix/memory';

const STREAM_EVENTS = 100_000;
const BATCH = 100;
const RUNS = 7;
const NOTE = 'Deliver to the side door; ring twice. '.repeat(4);

const ItemAdded = defineEvent(
  'ItemAdded',
  payload<{ orderId: string; sku: string; name: string; quantity: number; unitPrice: number; note: string }>(),
);

function makeEvent(index: number): Message<'event', 'ItemAdded'> {
  return ItemAdded({
    orderId: 'order-0001',
    sku: `SKU-${index % 1000}`,
    name: 'Stainless steel water bottle',
    quantity: (index % 5) + 1,
    unitPrice: 19.99,
    note: NOTE,
  });
}

/** Appends 100k events in batches of 100, making each event with its factory (codec and freeze included). */
async function appendRun(): Promise<{ perSecond: number; store: InMemoryEventStore }> {
  const store = new InMemoryEventStore();
  const started = performance.now();
  let version = 0;
  for (let offset = 0; offset < STREAM_EVENTS; offset += BATCH) {
    const batch = new Array(BATCH);
    for (let index = 0; index < BATCH; index += 1) batch[index] = makeEvent(offset + index);
    version = (await store.save('order-0001', batch, version)).nextExpectedVersion;
  }
  return { perSecond: STREAM_EVENTS / ((performance.now() - started) / 1000), store };
}

async function loadRun(store: InMemoryEventStore): Promise<number> {
  const rounds = 20;
  const started = performance.now();
  let loaded = 0;
  for (let round = 0; round < rounds; round += 1) loaded += (await store.load('order-0001')).length;
  return loaded / ((performance.now() - started) / 1000);
}

async function busRun(
  bus: InMemoryMessageBus | InMemoryAsyncMessageBus,
  messages: readonly Message[],
): Promise<number> {
  const started = performance.now();
  for (const message of messages) await bus.publish(message);
  return messages.length / ((performance.now() - started) / 1000);
}

function summarise(samples: number[]): { median: number; min: number; max: number } {
  const sorted = [...samples].sort((left, right) => left - right);
  return {
    median: sorted[Math.floor(sorted.length / 2)] ?? 0,
    min: sorted[0] ?? 0,
    max: sorted[sorted.length - 1] ?? 0,
  };
}

async function main(): Promise<void> {
  const payloadBytes = Buffer.byteLength(JSON.stringify(makeEvent(1).data));
  const messages = Array.from({ length: 200_000 }, (_, index) => makeEvent(index));
  let handled = 0;
  const syncBus = new InMemoryMessageBus();
  syncBus.subscribe(ItemAdded, () => {
    handled += 1;
  });
  const asyncBus = new InMemoryAsyncMessageBus();
  asyncBus.subscribe(ItemAdded, () => {
    handled += 1;
  });

  const samples = { append: [] as number[], load: [] as number[], bus: [] as number[], asyncBus: [] as number[] };
  // One warm-up round, then alternate the workloads so drift hits them all alike.
  for (let run = -1; run < RUNS; run += 1) {
    const { perSecond, store } = await appendRun();
    const load = await loadRun(store);
    const bus = await busRun(syncBus, messages);
    const asyncBusRate = await busRun(asyncBus, messages);
    if (run < 0) continue;
    samples.append.push(perSecond);
    samples.load.push(load);
    samples.bus.push(bus);
    samples.asyncBus.push(asyncBusRate);
  }

  const rows: [string, string, number[], number][] = [
    ['append, batches of 100 (factory + codec + freeze)', 'events/s', samples.append, 400_000],
    ['load a 100k-event stream', 'events/s', samples.load, 5_000_000],
    ['InMemoryMessageBus publish, 1 sync handler', 'messages/s', samples.bus, 500_000],
    ['InMemoryAsyncMessageBus publish, 1 sync handler', 'messages/s', samples.asyncBus, 0],
  ];
  const format = (value: number): string => Math.round(value).toLocaleString('en-US');
  console.log(`\n@orchestrix/memory benchmark — payload ${payloadBytes} bytes, medians of ${RUNS} runs (min–max)\n`);
  console.log('| workload | unit | median | min–max | target |');
  console.log('|---|---|---:|---:|---:|');
  for (const [name, unit, values, target] of rows) {
    const { median, min, max } = summarise(values);
    const verdict = target === 0 ? '—' : `≥ ${format(target)} ${median >= target ? 'met' : 'MISSED'}`;
    console.log(`| ${name} | ${unit} | ${format(median)} | ${format(min)}–${format(max)} | ${verdict} |`);
  }
  if (handled === 0) throw new Error('the bus handlers never ran');
}

await main();
