// pnpm bench:projections (postgres): ProjectionRunner on PostgreSQLEventStore against a hand-written pg loop.
// 1. Replay: 100k bulk-loaded events into a read model (items + order_totals), batches of 500, the checkpoint's
//    compare-and-set in each batch's transaction; per-event handlers and handleBatch, ours and raw pg alternating,
//    medians of 5 rounds after a warm-up; a diagnostic raw pg replay sends its statements unnamed, as kysely does.
// 2. Latency: 8 writers append 500 events/s for 30 s to a store with a started runner, with LISTEN/NOTIFY
//    wake-ups and with polling only; then 10k-event bursts.
// PROJECTION_BENCH_SECONDS shortens the steady run; PROJECTION_BENCH_EVENTS (a multiple of 10,000) the replay.
import { oursCatchUpSide, timeHeadLookup } from './catch-up-ours';
import { rawCatchUpSide } from './catch-up-raw';
import type { CatchUpSide, ReplayOptions } from './catch-up-side';
import { measureLatency, WRITERS } from './projection-latency';
import {
  type LatencyRun,
  milliseconds,
  printBursts,
  printDiagnostics,
  printLatencies,
  printReplays,
  type ReplayKey,
  type ReplaySamples,
} from './projection-report';
import { BATCH_SIZE, type ReadModelSummary } from './read-model';
import { format, median } from './report';
import { describeServer, serverQuery } from './server-query';

const ROUNDS = 5;
const EVENTS = Number(process.env.PROJECTION_BENCH_EVENTS ?? 100_000);
const SECONDS = Number(process.env.PROJECTION_BENCH_SECONDS ?? 30);
const EVENTS_PER_SECOND = 500;
const WARM_UP_SECONDS = 3;
/** The runner's default: with wake-ups, polling is only the fallback. */
const NOTIFY_POLL_INTERVAL_MS = 1000;
const POLL_INTERVAL_MS = 250;
const BURSTS = 5;
const BURST_EVENTS = 10_000;

function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Checks a replay left every event in the read model and the checkpoint at the head of the feed. */
async function checkReplay(side: CatchUpSide, head: bigint): Promise<ReadModelSummary> {
  const summary = await side.summarize();
  if (summary.items !== EVENTS || summary.itemCount !== EVENTS || summary.checkpoint !== head.toString()) {
    throw new Error(`${side.name} replayed into ${JSON.stringify(summary)}, not ${EVENTS} events up to ${head}`);
  }
  return summary;
}

/** The replays of each round, in groups whose order rotates from round to round. */
function replayGroups(
  ours: CatchUpSide,
  raw: CatchUpSide,
): { key: ReplayKey; side: CatchUpSide; options: ReplayOptions }[][] {
  return [
    [
      { key: 'ours each', side: ours, options: { mode: 'each' } },
      { key: 'raw each', side: raw, options: { mode: 'each' } },
      { key: 'raw each unprepared', side: raw, options: { mode: 'each', isUnprepared: true } },
    ],
    [
      { key: 'ours batch', side: ours, options: { mode: 'batch' } },
      { key: 'raw batch', side: raw, options: { mode: 'batch' } },
    ],
  ];
}

/**
 * Runs a warm-up round and {@link ROUNDS} measured ones. Each round runs every replay once, ours and raw pg
 * back to back in an order that rotates, so drift on this shared server hits all alike and per-round
 * ratios cancel it. Every replay is checked: all events in the read model, the checkpoint at the head,
 * and the same totals on both sides.
 */
async function runReplays(ours: CatchUpSide, raw: CatchUpSide): Promise<ReplaySamples> {
  const samples: ReplaySamples = new Map();
  const heads = new Map([
    [ours, await ours.head()],
    [raw, await raw.head()],
  ]);
  const totals = new Set<string>();
  for (let round = -1; round < ROUNDS; round += 1) {
    const started = performance.now();
    for (const group of replayGroups(ours, raw)) {
      for (let turn = 0; turn < group.length; turn += 1) {
        const { key, side, options } = group[(turn + round + 1) % group.length] as (typeof group)[number];
        // The warm-up warms the caches and the code paths: the diagnostic variant adds nothing to it.
        if (round < 0 && options.isUnprepared) continue;
        const { elapsedMs, cpuMs } = await side.replay(options);
        const { total, orders } = await checkReplay(side, heads.get(side) ?? 0n);
        totals.add(`${orders} orders, total ${total}`);
        const sample = { eventsPerSecond: EVENTS / (elapsedMs / 1000), cpuMicrosPerEvent: (cpuMs * 1000) / EVENTS };
        if (round >= 0) samples.set(key, [...(samples.get(key) ?? []), sample]);
      }
    }
    const label = round < 0 ? 'warm-up' : `round ${round + 1}/${ROUNDS}`;
    progress(`  ${label} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  if (totals.size !== 1) throw new Error(`the sides' read models differ: ${[...totals].join('; ')}`);
  return samples;
}

async function main(): Promise<void> {
  const started = performance.now();
  const server = await describeServer();
  if (!server.includes('synchronous_commit=on')) progress(`WARNING: not a durable setup: ${server}`);
  progress(`Bulk-loading ${format(EVENTS)} events into each side's schema...`);
  const sides: CatchUpSide[] = [];
  try {
    const ours = await oursCatchUpSide(EVENTS);
    sides.push(ours);
    const raw = await rawCatchUpSide(EVENTS);
    sides.push(raw);
    // Flush the bulk load's dirty pages now, not in a checkpoint during some side's replay.
    await serverQuery('checkpoint');
    progress('Replaying...');
    const replays = await runReplays(ours, raw);
    const headLookupMs = median([await timeHeadLookup(ours), await timeHeadLookup(ours), await timeHeadLookup(ours)]);

    const runs: LatencyRun[] = [];
    for (const wakeUps of [true, false]) {
      const pollIntervalMs = wakeUps ? NOTIFY_POLL_INTERVAL_MS : POLL_INTERVAL_MS;
      const label = wakeUps
        ? `NOTIFY (poll ${pollIntervalMs} ms as fallback)`
        : `polling only, every ${pollIntervalMs} ms`;
      progress(`Latency, ${label}: ${SECONDS} s at ${EVENTS_PER_SECOND} events/s, then ${BURSTS} bursts...`);
      const result = await measureLatency({
        wakeUps,
        pollIntervalMs,
        eventsPerSecond: EVENTS_PER_SECOND,
        seconds: SECONDS,
        warmUpSeconds: WARM_UP_SECONDS,
        bursts: BURSTS,
        burstEvents: BURST_EVENTS,
      });
      runs.push({ label, wakeUps, pollIntervalMs, result });
    }

    console.log(`\n@orchestrix/postgres projection benchmark — ${server}`);
    console.log(
      `\n1. Replay of ${format(EVENTS)} bulk-loaded ItemAdded events (100 per stream) into items (one row per event) and order_totals (one row per stream), batches of ${BATCH_SIZE}, each batch and its checkpoint compare-and-set in one transaction.`,
    );
    console.log(
      'ours: a new ProjectionRunner per replay, runUntilCaughtUp() over PostgreSQLEventStore.readAll, writes through context.transaction (withTransaction of store.checkpoints()).',
    );
    console.log(
      "raw pg: a loop reading the same pages with the store's readAll statement (prepared, rows as arrays), then BEGIN, the same read-model statement(s) prepared, the checkpoint's compare-and-set UPDATE, COMMIT.",
    );
    console.log(
      `Medians of ${ROUNDS} rounds after a warm-up (min–max); the read model and checkpoint are emptied before each replay; ratios are medians of per-round ratios.`,
    );
    printReplays(replays);
    console.log(
      `\nrunUntilCaughtUp() first finds the head with store.countAfter(0n): ${milliseconds(headLookupMs)} ms for ${format(EVENTS)} events, measured alone. The handlers' statements go through kysely, which sends each unnamed (the server parses and plans it every time): the diagnostic below measures raw pg doing the same.`,
    );
    printDiagnostics(replays);
    console.log(
      `\n2. Latency: ${WRITERS} writers append single events at a steady ${EVENTS_PER_SECOND} events/s in all for ${SECONDS} s (after ${WARM_UP_SECONDS} s not measured) to a store with a started ProjectionRunner (its own store and pool) whose per-event projection writes items and order_totals in the checkpoint's transaction, batches of up to ${BATCH_SIZE}.`,
    );
    console.log(
      "Latency of an event: from its append's ack to the moment runner.waitFor(its position) resolves, i.e. the runner's batch transaction holding it (read model + checkpoint) has committed.",
    );
    printLatencies(runs);
    console.log(
      `\nBursts: ${format(BURST_EVENTS)} events appended by ${WRITERS} writers in appends of 100 as fast as they go, on the same running runners; drained when runner.waitFor(the highest position) resolves.`,
    );
    printBursts(runs, BURST_EVENTS);
    console.log(`\nTotal run time: ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await Promise.all(sides.map((side) => side.dispose()));
  }
}

await main();
