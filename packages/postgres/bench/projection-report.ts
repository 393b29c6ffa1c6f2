import type { ProjectionMode } from './order-items-projection';
import type { LatencyResult } from './projection-latency';
import { cell, format, median, pairedRatio } from './report';

/** The lowest ours/raw-pg ratio the issue accepts for a replay. */
const RAW_TARGET = 0.7;
/** The lowest throughput the issue accepts for a `handleBatch` replay, in events/s. */
const BATCH_TARGET = 50_000;
/** The highest p99 latency the issue accepts with wake-ups, and above the poll interval without. */
const LATENCY_MARGIN_MS = 100;

/** A replay measured in every round: a side and its projection mode, and the diagnostic variant. */
export type ReplayKey = 'ours each' | 'raw each' | 'raw each unprepared' | 'ours batch' | 'raw batch';

/** One replay's throughput, and the CPU this process spent per event (the server's is not counted). */
export interface ReplaySample {
  readonly eventsPerSecond: number;
  readonly cpuMicrosPerEvent: number;
}

/** Replay samples, one per measured round. */
export type ReplaySamples = Map<ReplayKey, ReplaySample[]>;

const REPLAYS: readonly { mode: ProjectionMode; name: string }[] = [
  { mode: 'each', name: 'per-event `handlers` (1 INSERT per event)' },
  { mode: 'batch', name: '`handleBatch` (1 `unnest` INSERT per batch)' },
];

function verdict(isMet: boolean): string {
  return isMet ? 'met' : 'MISSED';
}

function throughputs(samples: ReplaySamples, key: ReplayKey): number[] | undefined {
  return samples.get(key)?.map((sample) => sample.eventsPerSecond);
}

function cpuMicros(samples: ReplaySamples, key: ReplayKey): string {
  const values = samples.get(key)?.map((sample) => sample.cpuMicrosPerEvent) ?? [];
  return values.length === 0 ? '—' : median(values).toFixed(1);
}

/** Prints the replay table: each side's median (min–max) events/s, ours against raw pg, and Node CPU per event. */
export function printReplays(samples: ReplaySamples): void {
  console.log(
    '\n| replay of the feed | ours (events/s) | raw pg (events/s) | ours/raw | target | Node CPU µs/event, ours / raw |',
  );
  console.log('|---|---:|---:|---:|---|---:|');
  for (const { mode, name } of REPLAYS) {
    const ours = throughputs(samples, `ours ${mode}`);
    const raw = throughputs(samples, `raw ${mode}`);
    const ratio = pairedRatio(ours, raw);
    if (ours === undefined || ratio === undefined) continue;
    const targets = [`≥ ${RAW_TARGET}× raw ${verdict(ratio >= RAW_TARGET)}`];
    if (mode === 'batch') {
      targets.push(`≥ ${format(BATCH_TARGET)} events/s ${verdict(median(ours) >= BATCH_TARGET)}`);
    }
    const cpu = `${cpuMicros(samples, `ours ${mode}`)} / ${cpuMicros(samples, `raw ${mode}`)}`;
    console.log(`| ${name} | ${cell(ours)} | ${cell(raw)} | ${ratio.toFixed(2)}× | ${targets.join('; ')} | ${cpu} |`);
  }
}

/** Prints the diagnostic replay against the replay of the main table it explains. */
export function printDiagnostics(samples: ReplaySamples): void {
  const unprepared = throughputs(samples, 'raw each unprepared');
  const ratio = pairedRatio(throughputs(samples, 'ours each'), unprepared);
  console.log('\n| diagnostic replay (same rounds) | events/s | ours per-event / this | Node CPU µs/event |');
  console.log('|---|---:|---:|---:|');
  console.log(
    `| raw pg, per event, the same statements sent unnamed (parsed and planned every time, as kysely sends ours) | ${cell(unprepared)} | ${ratio?.toFixed(2)}× | ${cpuMicros(samples, 'raw each unprepared')} |`,
  );
}

/** The nearest-rank percentile of `values`. */
function percentile(values: readonly number[], percent: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.max(0, Math.ceil((percent / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Milliseconds, with one decimal below 10. */
export const milliseconds = (value: number): string => (value < 10 ? value.toFixed(1) : format(value));

/** One run's label: how the runner finds new events. */
export interface LatencyRun {
  readonly label: string;
  readonly wakeUps: boolean;
  readonly pollIntervalMs: number;
  readonly result: LatencyResult;
}

/** Prints, per run, the percentiles of append-ack-to-read-model latency, with the append's own for scale. */
export function printLatencies(runs: readonly LatencyRun[]): void {
  console.log(
    '\n| runner wakes on | events (rate) | p50 | p95 | p99 | max | target (p99) | append ack p50 / p99 | timed out |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---|---:|---:|');
  for (const { label, wakeUps, pollIntervalMs, result } of runs) {
    const { latenciesMs, appendMs, seconds, timedOut } = result;
    const p99 = percentile(latenciesMs, 99);
    const limitMs = wakeUps ? LATENCY_MARGIN_MS : pollIntervalMs + LATENCY_MARGIN_MS;
    const rate = `${format(latenciesMs.length + timedOut)} (${format((latenciesMs.length + timedOut) / seconds)}/s)`;
    const shares = [50, 95, 99].map((percent) => `${milliseconds(percentile(latenciesMs, percent))} ms`);
    const append = `${milliseconds(percentile(appendMs, 50))} / ${milliseconds(percentile(appendMs, 99))} ms`;
    console.log(
      `| ${label} | ${rate} | ${shares.join(' | ')} | ${milliseconds(Math.max(...latenciesMs))} ms | < ${limitMs} ms ${verdict(timedOut === 0 && p99 < limitMs)} | ${append} | ${timedOut} |`,
    );
  }
  for (const { label, result } of runs) {
    const { ageMs, applicationName, query } = result.oldestTransaction;
    console.log(
      `${label}: the oldest transaction holding an id on the server, sampled every 100 ms during the run, was ${milliseconds(ageMs)} ms old (${applicationName || 'no application name'}: ${query})`,
    );
  }
}

/** Prints, per run, the bursts: append time, drain time (from the burst's start) and drain throughput. */
export function printBursts(runs: readonly LatencyRun[], burstEvents: number): void {
  console.log(
    `\n| runner wakes on | bursts of ${format(burstEvents)} | append (ms) | drained (ms from burst start) | events/s drained |`,
  );
  console.log('|---|---:|---:|---:|---:|');
  for (const { label, result } of runs) {
    if (result.bursts.length === 0) continue;
    const appendMs = result.bursts.map((burst) => burst.appendMs);
    const drainMs = result.bursts.map((burst) => burst.drainMs);
    const throughput = drainMs.map((ms) => burstEvents / (ms / 1000));
    console.log(`| ${label} | ${result.bursts.length} | ${cell(appendMs)} | ${cell(drainMs)} | ${cell(throughput)} |`);
  }
}
