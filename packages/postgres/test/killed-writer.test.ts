// A writer process SIGKILLed at a random moment loses no acknowledged event, leaves no append half-stored,
// and its unacknowledged append, retried with the same ids, is stored exactly once (SPEC §4; reliability.md
// §6.6 #64–#65).
import { randomInt } from 'node:crypto';
import type { Event, StoredEvent } from '@orchestrix/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgreSQLEventStore } from '../src/index';
import type { ChildMessage } from './support/append-loop-child';
import { forkTsx } from './support/fork-tsx';
import { blockedAppends, holdStreamLock } from './support/stream-lock';
import { dropSchema, TEST_DATABASE_URL, testPool, uniqueSchemaName } from './support/test-database';

type Appending = Extract<ChildMessage, { kind: 'appending' }>;
type Appended = Extract<ChildMessage, { kind: 'appended' }>;

const ROUNDS = 3;

const pool = testPool(4);
const schema = uniqueSchemaName('killed');
const store = new PostgreSQLEventStore({ pool, schema });

beforeAll(async () => {
  await store.initialize();
});

afterAll(async () => {
  await dropSchema(pool, schema);
  await pool.end();
});

interface KilledRun {
  readonly attempted: readonly Appending[];
  readonly acknowledged: readonly Appended[];
}

interface RunningChild {
  kill(): void;
  /** Settles once the child is dead and every message it sent has arrived. */
  readonly done: Promise<KilledRun>;
}

/** Starts the append loop in a child process; `onAppending` sees how many appends it has announced. */
function runChild(streamId: string, onAppending: (attempted: number, child: RunningChild) => void): RunningChild {
  const attempted: Appending[] = [];
  const acknowledged: Appended[] = [];
  const child = forkTsx('append-loop-child.ts', [TEST_DATABASE_URL, schema, streamId]);
  child.stderr?.pipe(process.stderr);
  const safety = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const disconnected = new Promise<void>((resolve) => child.on('disconnect', resolve));
  const running: RunningChild = {
    kill: () => child.kill('SIGKILL'),
    done: Promise.all([exited, disconnected]).then(([signal]) => {
      clearTimeout(safety);
      if (signal !== 'SIGKILL' || attempted.length === 0) {
        throw new Error(
          `The append loop ended by itself (signal ${String(signal)}) after ${attempted.length} appends.`,
        );
      }
      return { attempted, acknowledged };
    }),
  };
  child.on('message', (message: ChildMessage) => {
    if (message.kind === 'appended') acknowledged.push(message);
    else onAppending(attempted.push(message), running);
  });
  return running;
}

/** SIGKILLs the append loop `delayMs` after it announces its `killAt`-th append. */
function runAndKill(streamId: string, killAt: number, delayMs: number): Promise<KilledRun> {
  return runChild(streamId, (attempted, child) => {
    if (attempted !== killAt) return;
    if (delayMs === 0) child.kill();
    else setTimeout(() => child.kill(), delayMs);
  }).done;
}

async function rowCounts(ids: readonly string[]): Promise<number[]> {
  const result = await pool.query<{ count: number }>(
    `select (select count(*)::int from "${schema}".events where event_id = id) as count from unnest($1::text[]) as id`,
    [ids],
  );
  return result.rows.map((row) => row.count);
}

const idsOf = (events: readonly { readonly id: string }[]): string[] => events.map((event) => event.id);

function expectWholeStream(stored: readonly StoredEvent[]): void {
  expect(stored.map((event) => event.version)).toEqual(stored.map((_, index) => index + 1));
  expect(new Set(idsOf(stored)).size).toBe(stored.length);
}

/** Retries `attempt` twice with its ids and expected version: stored once, both results alike. */
async function expectRetriedOnce(streamId: string, attempt: Appending): Promise<void> {
  const events = attempt.events as Event[];

  const retried = await store.save(streamId, events, attempt.expectedVersion);
  const retriedAgain = await store.save(streamId, events, attempt.expectedVersion);

  expect(retried.nextExpectedVersion).toBe(attempt.expectedVersion + events.length);
  expect(retriedAgain.nextExpectedVersion).toBe(retried.nextExpectedVersion);
  expect(retriedAgain.lastPosition).toBe(retried.lastPosition);
  expect(await rowCounts(idsOf(events))).toEqual(events.map(() => 1));
  const stored = await store.load(streamId);
  expectWholeStream(stored);
  expect(idsOf(stored.slice(-events.length))).toEqual(idsOf(events));
}

describe('PostgreSQLEventStore with a writer process killed mid-append', () => {
  it.each(Array.from({ length: ROUNDS }, (_, round) => round + 1))(
    'keeps every acknowledged append and stores the retried in-flight one exactly once (round %i)',
    async (round) => {
      const streamId = `killed-${schema}-${round}`;
      // Round 1 kills at once, rounds 2 and 3 up to 2 and 4 ms later: before, during or after the append.
      const { attempted, acknowledged } = await runAndKill(streamId, 3 + randomInt(10), randomInt(2 * round - 1));

      const stored = await store.load(streamId);

      expectWholeStream(stored);
      const storedAt = new Map(stored.map((event) => [event.id, event]));
      for (const ack of acknowledged) {
        expect(ack.ids.every((id) => storedAt.has(id))).toBe(true);
        const last = storedAt.get(ack.ids.at(-1) as string);
        expect(last?.version).toBe(ack.nextExpectedVersion);
        expect(last?.position).toBe(BigInt(ack.lastPosition));
      }
      for (const attempt of attempted) {
        const present = idsOf(attempt.events as Event[]).filter((id) => storedAt.has(id)).length;
        expect([0, attempt.events.length]).toContain(present);
      }
      const acknowledgedIds = new Set(acknowledged.flatMap((ack) => ack.ids));
      const unacknowledged = attempted.filter((attempt) => !acknowledgedIds.has((attempt.events[0] as Event).id));
      expect(unacknowledged.length).toBeLessThanOrEqual(1);
      expect(stored.length - acknowledgedIds.size).toBeLessThanOrEqual(unacknowledged[0]?.events.length ?? 0);
      if (unacknowledged[0] !== undefined) await expectRetriedOnce(streamId, unacknowledged[0]);
      expect(await store.load(streamId)).toHaveLength(acknowledgedIds.size + (unacknowledged[0]?.events.length ?? 0));
    },
    30_000,
  );

  it('stores an append whose writer died waiting for the stream lock all or nothing, and its retry once', async () => {
    const streamId = `blocked-${schema}`;
    const lock = await holdStreamLock(streamId);
    const child = runChild(streamId, () => undefined);
    let backend: number | undefined;
    try {
      [backend] = await blockedAppends(pool, schema, 1);
      child.kill();
    } finally {
      await lock.release();
    }
    const { attempted, acknowledged } = await child.done;
    const attempt = attempted[0] as Appending;
    await waitUntilGone(backend as number);

    const present = await rowCounts(idsOf(attempt.events as Event[]));

    expect(acknowledged).toEqual([]);
    expect(new Set(present).size).toBe(1);
    await expectRetriedOnce(streamId, attempt);
  }, 30_000);
});

/** Waits until the backend `pid` (a dead client's, finishing its statement) has ended. */
async function waitUntilGone(pid: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const result = await pool.query('select 1 from pg_stat_activity where pid = $1', [pid]);
    if (result.rowCount === 0) return;
    if (Date.now() > deadline) throw new Error(`Backend ${pid} of the killed writer is still running.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
