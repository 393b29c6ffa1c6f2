import type { Workload } from './workloads';

/** Throughput samples of one phase: by workload name, then by side name, one per round. */
export type Samples = Map<string, Map<string, number[]>>;

/** The lowest ours/Emmett ratio the issue accepts, on every workload. */
const EMMETT_TARGET = 1.5;
/** The lowest 1M-stored/empty ratio the issue accepts for ours. */
const FULL_STORE_TARGET = 0.9;

export function record(samples: Samples, workload: string, side: string, value: number): void {
  const bySide = samples.get(workload) ?? new Map<string, number[]>();
  samples.set(workload, bySide);
  bySide.set(side, [...(bySide.get(side) ?? []), value]);
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] ?? 0;
  return ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** A whole number with thousands separators. */
export const format = (value: number): string => Math.round(value).toLocaleString('en-US');

/** `median (min–max)`, or `skipped` without samples. */
export function cell(values: readonly number[] | undefined): string {
  if (values === undefined || values.length === 0) return 'skipped';
  return `${format(median(values))} (${format(Math.min(...values))}–${format(Math.max(...values))})`;
}

/** The median of the per-round ratios: each round ran both sides back to back, so drift cancels. */
export function pairedRatio(
  ours: readonly number[] | undefined,
  other: readonly number[] | undefined,
): number | undefined {
  if (ours === undefined || other === undefined || other.length !== ours.length) return undefined;
  return median(ours.map((value, round) => value / (other[round] ?? Number.NaN)));
}

function verdict(ratio: number | undefined, target: number): [string, string] {
  if (ratio === undefined) return ['—', `≥ ${target}×`];
  return [`${ratio.toFixed(2)}×`, `≥ ${target}× ${ratio >= target ? 'met' : 'MISSED'}`];
}

/** Prints one phase's table: each side's median (min–max) and ours against raw pg and Emmett. */
export function printComparison(title: string, workloads: readonly Workload[], samples: Samples): void {
  console.log(`\n${title}\n`);
  console.log('| workload | unit | ours | raw pg | Emmett | ours/raw | target | ours/Emmett | target |');
  console.log('|---|---|---:|---:|---:|---:|---|---:|---|');
  for (const workload of workloads) {
    const bySide = samples.get(workload.name);
    if (bySide === undefined) continue;
    const ours = bySide.get('ours');
    const [rawRatio, rawVerdict] = verdict(pairedRatio(ours, bySide.get('raw pg')), workload.rawTarget);
    const [emmettRatio, emmettVerdict] = verdict(pairedRatio(ours, bySide.get('Emmett')), EMMETT_TARGET);
    const sides = [cell(ours), cell(bySide.get('raw pg')), cell(bySide.get('Emmett'))].join(' | ');
    console.log(
      `| ${workload.name} | ${workload.unit} | ${sides} | ${rawRatio} | ${rawVerdict} | ${emmettRatio} | ${emmettVerdict} |`,
    );
  }
}

/** Prints, per side, the 1M-stored throughput against the empty store's, paired by round. */
export function printFullStoreRatios(workloads: readonly Workload[], empty: Samples, full: Samples): void {
  console.log('\nWith 1M events stored against the empty store (medians; ratio: median of per-round ratios)\n');
  console.log('| workload | side | empty store | 1M stored | 1M/empty | target |');
  console.log('|---|---|---:|---:|---:|---|');
  for (const workload of workloads) {
    const bySide = full.get(workload.name);
    if (bySide === undefined) continue;
    for (const [side, values] of bySide) {
      const before = empty.get(workload.name)?.get(side);
      const ratio = pairedRatio(values, before);
      if (before === undefined || ratio === undefined) continue;
      const target = side === 'ours' ? `≥ ${FULL_STORE_TARGET}× ${ratio >= FULL_STORE_TARGET ? 'met' : 'MISSED'}` : '—';
      console.log(
        `| ${workload.name} | ${side} | ${format(median(before))} | ${format(median(values))} | ${ratio.toFixed(2)}× | ${target} |`,
      );
    }
  }
}
