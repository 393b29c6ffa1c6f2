import type { BenchSide } from './bench-side';

const APPENDS = 1000;
const WRITERS = 8;
const APPENDS_PER_WRITER = 250;
const BATCH = 100;
const BATCHES = 100;
const STREAM_EVENTS = 1000;
const LOADS = 50;
const PAGE = 1000;
const PAGES = 20;

/** What one workload measures, and what the issue asks of ours against raw pg and Emmett. */
export interface Workload {
  readonly name: string;
  readonly unit: 'appends/s' | 'events/s';
  /** The lowest ours/raw-pg ratio the issue accepts. */
  readonly rawTarget: number;
  /** Whether it runs again with 1M events stored. */
  readonly onFullStore: boolean;
  /** Runs once against `side`, on new streams named after `tag`, and returns the throughput. */
  run(side: BenchSide, tag: string, phase: string): Promise<number>;
}

function perSecond(count: number, started: number): number {
  return count / ((performance.now() - started) / 1000);
}

async function appendSingles(side: BenchSide, streamId: string, count: number): Promise<void> {
  for (let version = 0; version < count; version += 1) await side.append(streamId, 1, version);
}

/** The stream each load reads: 1,000 events written through the side in batches of 100. */
export function loadStreamId(phase: string): string {
  return `load-${phase}`;
}

/** Writes `streamId` with 1,000 events through the side, in batches of 100. */
export async function writeThousandEvents(side: BenchSide, streamId: string): Promise<void> {
  for (let version = 0; version < STREAM_EVENTS; version += BATCH) await side.append(streamId, BATCH, version);
}

/** The pages the global feed workload reads: the store needs this many events before it runs. */
export const FEED_EVENTS = PAGE * PAGES;

export const WORKLOADS: readonly Workload[] = [
  {
    name: 'single-event appends, each to a new stream',
    unit: 'appends/s',
    rawTarget: 0.8,
    onFullStore: true,
    async run(side, tag) {
      const started = performance.now();
      for (let index = 0; index < APPENDS; index += 1) await side.append(`${tag}-new-${index}`, 1, 0);
      return perSecond(APPENDS, started);
    },
  },
  {
    name: 'single-event appends to one stream, exact expected version',
    unit: 'appends/s',
    rawTarget: 0.8,
    onFullStore: true,
    async run(side, tag) {
      const started = performance.now();
      await appendSingles(side, `${tag}-one`, APPENDS);
      return perSecond(APPENDS, started);
    },
  },
  {
    name: `${WRITERS} concurrent writers (${WRITERS} connections), one stream each`,
    unit: 'appends/s',
    rawTarget: 0.8,
    onFullStore: true,
    async run(side, tag) {
      const started = performance.now();
      const writers = Array.from({ length: WRITERS }, (_, writer) =>
        appendSingles(side, `${tag}-writer-${writer}`, APPENDS_PER_WRITER),
      );
      await Promise.all(writers);
      return perSecond(WRITERS * APPENDS_PER_WRITER, started);
    },
  },
  {
    name: `batches of ${BATCH} events to one stream`,
    unit: 'events/s',
    rawTarget: 0.75,
    onFullStore: true,
    async run(side, tag) {
      const started = performance.now();
      for (let version = 0; version < BATCH * BATCHES; version += BATCH) {
        await side.append(`${tag}-batches`, BATCH, version);
      }
      return perSecond(BATCH * BATCHES, started);
    },
  },
  {
    name: `load a ${STREAM_EVENTS.toLocaleString('en-US')}-event stream (decode + freeze)`,
    unit: 'events/s',
    rawTarget: 0.7,
    onFullStore: true,
    async run(side, _tag, phase) {
      const streamId = loadStreamId(phase);
      const started = performance.now();
      for (let round = 0; round < LOADS; round += 1) {
        const count = await side.load(streamId);
        if (count !== STREAM_EVENTS) throw new Error(`${side.name} loaded ${count} events of ${streamId}`);
      }
      return perSecond(STREAM_EVENTS * LOADS, started);
    },
  },
  {
    name: `readAll, ${PAGES} pages of ${PAGE.toLocaleString('en-US')} from the start`,
    unit: 'events/s',
    rawTarget: 0.7,
    onFullStore: false,
    async run(side) {
      const started = performance.now();
      let after = 0n;
      for (let page = 0; page < PAGES; page += 1) {
        const read = await side.readPage(after, PAGE);
        if (read.count !== PAGE) throw new Error(`${side.name} read ${read.count} events after ${after}`);
        after = read.lastPosition;
      }
      return perSecond(FEED_EVENTS, started);
    },
  },
];
