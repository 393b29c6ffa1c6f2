// pnpm bench (postgres): PostgreSQLEventStore against hand-written pg and Emmett's PostgreSQL store, in one run.
// Workloads: single-event appends (new streams, one stream at an exact version, 8 concurrent writers), batches of
// 100, loading a 1,000-event stream and reading the global feed. Each side runs twice, on an empty store and on
// one with 1M events bulk-loaded, each store in its own schema with its own pool; payloads are ~250 bytes;
// medians of 9 rounds after a warm-up, every store measured in every round.
import { type BenchSide, itemData } from './bench-side';
import { orchestrixSide } from './orchestrix-side';
import { rawPgSide } from './raw-pg-side';
import { printComparison, printFullStoreRatios, record, type Samples } from './report';
import { describeServer, serverQuery } from './server-query';
import { FEED_EVENTS, loadStreamId, WORKLOADS, writeThousandEvents } from './workloads';

const ROUNDS = 9;
const FULL_STORE_EVENTS = 1_000_000;

function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Emmett is optional: a failure to load or migrate it skips it, with the reason printed. */
async function openEmmett(functionsSchema?: string): Promise<BenchSide | string> {
  try {
    const { emmettSide } = await import('./emmett-side');
    return await emmettSide(functionsSchema);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Each side twice: an empty store, and one with 1M events stored, measured in the same rounds. */
interface Stores {
  readonly empty: readonly BenchSide[];
  readonly full: readonly BenchSide[];
}

/**
 * Runs a warm-up round and {@link ROUNDS} measured ones. In each round every workload runs on every
 * store, one after another in an order that rotates, so drift on this shared server hits all alike and
 * per-round ratios cancel it.
 */
async function runRounds(stores: Stores): Promise<{ empty: Samples; full: Samples }> {
  const samples = { empty: new Map() as Samples, full: new Map() as Samples };
  const all = [
    ...stores.empty.map((side) => ({ side, store: 'empty' as const })),
    ...stores.full.map((side) => ({ side, store: 'full' as const })),
  ];
  for (let round = -1; round < ROUNDS; round += 1) {
    const started = performance.now();
    for (const workload of WORKLOADS) {
      const targets = workload.onFullStore ? all : all.filter((target) => target.store === 'empty');
      for (let turn = 0; turn < targets.length; turn += 1) {
        const { side, store } = targets[(turn + round + 1) % targets.length] as (typeof all)[number];
        const value = await workload.run(side, `r${round + 1}`, store);
        if (round >= 0) record(samples[store], workload.name, side.name, value);
      }
    }
    const label = round < 0 ? 'warm-up' : `round ${round + 1}/${ROUNDS}`;
    progress(`  ${label} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return samples;
}

async function main(): Promise<void> {
  const started = performance.now();
  const server = await describeServer();
  const empty: BenchSide[] = [await orchestrixSide(), await rawPgSide()];
  const full: BenchSide[] = [await orchestrixSide(), await rawPgSide()];
  const emmett = await openEmmett();
  const emmettFull = typeof emmett === 'string' ? emmett : await openEmmett(emmett.schema);
  if (typeof emmett !== 'string') empty.push(emmett);
  if (typeof emmettFull !== 'string') full.push(emmettFull);
  const emmettSkipped = typeof emmett === 'string' ? emmett : typeof emmettFull === 'string' ? emmettFull : undefined;
  if (emmettSkipped !== undefined) progress(`Emmett skipped: ${emmettSkipped}`);
  const stores = { empty, full: emmettSkipped === undefined ? full : full.filter((side) => side.name !== 'Emmett') };
  try {
    progress(`Bulk-loading ${FULL_STORE_EVENTS.toLocaleString('en-US')} events into each side's second store...`);
    const bulkStarted = performance.now();
    await Promise.all(stores.full.map((side) => side.bulkLoad(FULL_STORE_EVENTS)));
    const bulkSeconds = (performance.now() - bulkStarted) / 1000;
    // Flush the bulk load's dirty pages now, not in a checkpoint during some side's measured appends.
    await serverQuery('checkpoint');
    progress('Writing the streams the loads and the feed read...');
    for (const side of [...stores.empty, ...stores.full]) {
      const kind = stores.empty.includes(side) ? 'empty' : 'full';
      await writeThousandEvents(side, loadStreamId(kind));
      if (kind === 'empty') {
        for (let stream = 1; stream < FEED_EVENTS / 1000; stream += 1)
          await writeThousandEvents(side, `feed-${stream}`);
      }
    }
    const samples = await runRounds(stores);

    const counts = await Promise.all(stores.empty.map((side) => side.countEvents()));
    const fullCounts = await Promise.all(stores.full.map((side) => side.countEvents()));
    if (new Set(counts).size !== 1 || new Set(fullCounts).size !== 1) {
      throw new Error(`the sides stored different event counts: ${counts.join(', ')}; ${fullCounts.join(', ')}`);
    }

    const payloadBytes = Buffer.byteLength(JSON.stringify(itemData(1)));
    const format = (count: number | undefined): string => (count ?? 0).toLocaleString('en-US');
    console.log(`\n@orchestrix/postgres benchmark — ${server}; payload ${payloadBytes} bytes`);
    console.log('ours: PostgreSQLEventStore, 1 round trip per append (append_events)');
    console.log(
      'raw pg: hand-written pg, 1 prepared statement per append (lock, version check, insert in one CTE); reads prepared, rows as arrays, timestamps as ISO text from SQL',
    );
    console.log(
      emmettSkipped === undefined
        ? 'Emmett: @event-driven-io/emmett-postgresql 0.42.0, 3 round trips per append (BEGIN, emt_append_to_stream, COMMIT); reads 8 columns, no timestamp, nothing frozen'
        : `Emmett: skipped (${emmettSkipped})`,
    );
    console.log(
      `Medians of ${ROUNDS} rounds after a warm-up (min–max); every store runs in every round; ratios are medians of per-round ratios.`,
    );
    console.log(
      `At the end each empty store held ${format(counts[0])} events and each full one ${format(fullCounts[0])}; the 1M bulk load took ${bulkSeconds.toFixed(0)} s.`,
    );
    printComparison('Empty store', WORKLOADS, samples.empty);
    printComparison(`With ${format(FULL_STORE_EVENTS)} events stored`, WORKLOADS, samples.full);
    printFullStoreRatios(WORKLOADS, samples.empty, samples.full);
    console.log(`\nTotal run time: ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await Promise.all([...empty, ...full].map((side) => side.dispose()));
  }
}

await main();
