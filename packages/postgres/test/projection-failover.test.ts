// Two runner processes share a projection through its lease; the holder is SIGKILLed in the middle of a
// batch's transaction, again and again, and once paused (SIGSTOP) past its lease and woken. The projection is
// not idempotent (running totals and an unkeyed log), so any event applied twice or skipped shows: the
// totals must equal a from-scratch rebuild and the log must hold every stored event exactly once
// (issue 7, item 4; reliability.md §6.4 #50–#51).
import type { ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ProjectionRunner } from '@orchestrix/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgreSQLEventStore } from '../src/index';
import { forkTsx } from './support/fork-tsx';
import { AmountAdded, CHILD_LEASE_MS, createRunningTotalsTables, runningTotals } from './support/running-totals';
import { dropSchema, TEST_DATABASE_URL, testPool, uniqueSchemaName } from './support/test-database';

const KILLS = 6;
const STREAMS = 20;

const pool = testPool(4);
const schema = uniqueSchemaName('failover');
const store = new PostgreSQLEventStore({ pool, schema });
const children = new Map<string, RunnerChild>();
let nextInstance = 1;

interface RunnerChild {
  readonly id: string;
  readonly process: ChildProcess;
  readonly exited: Promise<NodeJS.Signals | null>;
}

beforeAll(async () => {
  await store.initialize();
  await pool.query(createRunningTotalsTables(schema, { totals: 'totals', log: 'applied_log' }));
  await pool.query(createRunningTotalsTables(schema, { totals: 'rebuilt_totals', log: 'rebuilt_log' }));
});

afterAll(async () => {
  for (const child of children.values()) child.process.kill('SIGKILL');
  await Promise.all([...children.values()].map((child) => child.exited));
  await dropSchema(pool, schema);
  await pool.end();
});

/** Starts a runner process; resolves once its runner has started. */
async function spawnRunner(): Promise<RunnerChild> {
  const id = `failover-runner-${nextInstance}`;
  nextInstance += 1;
  const child = forkTsx('projection-runner-child.ts', [TEST_DATABASE_URL, schema, id]);
  child.stderr?.pipe(process.stderr);
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const runner = { id, process: child, exited };
  children.set(id, runner);
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`${id} exited with ${String(code)} before it started`)));
  });
  return runner;
}

async function checkpoint(): Promise<bigint> {
  return store.checkpoints().load('running_totals');
}

/** The instance holding an unexpired lease on the projection, if any. */
async function leaseHolder(): Promise<string | undefined> {
  const result = await pool.query<{ lease_owner: string }>(
    `select lease_owner from "${schema}".checkpoints where name = 'running_totals' and lease_expires_at > now()`,
  );
  return result.rows[0]?.lease_owner;
}

/** Whether `instance` has a transaction open that already wrote (a batch half-applied). */
async function isMidBatch(instance: string): Promise<boolean> {
  const result = await pool.query(
    'select 1 from pg_stat_activity where application_name = $1 and backend_xid is not null',
    [instance],
  );
  return result.rowCount !== null && result.rowCount > 0;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await sleep(2);
  }
}

/** The running holder, caught with a batch's transaction open and written to. */
function holderMidBatch(): Promise<RunnerChild> {
  return until(
    'the lease holder inside a batch',
    async () => {
      const holder = await leaseHolder();
      const child = holder === undefined ? undefined : children.get(holder);
      return child !== undefined && (await isMidBatch(child.id)) ? child : undefined;
    },
    15_000,
  );
}

/** Appends 1–5 events to random streams, about 150 events/s, until stopped; returns the highest position. */
function startWriter(): { stop: () => Promise<bigint> } {
  let stopped = false;
  let highest = 0n;
  const loop = (async () => {
    while (!stopped) {
      const events = Array.from({ length: randomInt(1, 6) }, () => AmountAdded({ amount: randomInt(1, 100) }));
      const { lastPosition } = await store.save(`account-${randomInt(STREAMS)}`, events);
      if (lastPosition > highest) highest = lastPosition;
      await sleep(20);
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return highest;
    },
  };
}

describe('a projection run by two processes', () => {
  it('applies every event exactly once through repeated SIGKILLs mid-batch and a paused holder', async () => {
    await spawnRunner();
    await spawnRunner();
    const writer = startWriter();
    const takeoverMs: number[] = [];

    for (let round = 0; round < KILLS; round += 1) {
      await sleep(randomInt(100, 600));
      const holder = await holderMidBatch();
      holder.process.kill('SIGKILL');
      expect(await holder.exited).toBe('SIGKILL');
      children.delete(holder.id);
      const killedAt = Date.now();
      const before = await checkpoint();
      await spawnRunner();
      await until(
        'another instance to move the checkpoint',
        async () => ((await checkpoint()) > before ? true : undefined),
        15_000,
      );
      takeoverMs.push(Date.now() - killedAt);
    }

    // A holder paused mid-batch past its lease: another instance takes the lease; the paused one wakes up
    // with its transaction still open and must not store a stale checkpoint or apply anything twice.
    const paused = await holderMidBatch();
    paused.process.kill('SIGSTOP');
    await until(
      'another instance to take the lease',
      async () => {
        const holder = await leaseHolder();
        return holder !== undefined && holder !== paused.id ? holder : undefined;
      },
      15_000,
    );
    await sleep(CHILD_LEASE_MS);
    paused.process.kill('SIGCONT');

    const head = await writer.stop();
    await until('the projection to catch up', async () => ((await checkpoint()) >= head ? true : undefined), 60_000);
    for (const child of children.values()) child.process.kill('SIGTERM');
    await Promise.all([...children.values()].map((child) => child.exited));
    children.clear();

    const stored = await pool.query<{ id: string }>(`select event_id as id from "${schema}".events`);
    const doubled = await pool.query(
      `select event_id from "${schema}".applied_log group by event_id having count(*) > 1`,
    );
    const logged = await pool.query<{ event_id: string }>(`select event_id from "${schema}".applied_log`);
    expect(doubled.rows).toEqual([]);
    expect(new Set(logged.rows.map((row) => row.event_id))).toEqual(new Set(stored.rows.map((row) => row.id)));
    expect(logged.rowCount).toBe(stored.rowCount);

    const rebuilder = new ProjectionRunner({
      source: store,
      checkpoints: store.checkpoints(),
      projections: [
        runningTotals(
          'rebuilt_totals',
          schema,
          { totals: 'rebuilt_totals', log: 'rebuilt_log' },
          { instance: 'rebuild' },
        ),
      ],
    });
    await rebuilder.runUntilCaughtUp();
    const totals = await pool.query(`select stream_id, total, events from "${schema}".totals order by stream_id`);
    const rebuilt = await pool.query(
      `select stream_id, total, events from "${schema}".rebuilt_totals order by stream_id`,
    );
    expect(totals.rows).toEqual(rebuilt.rows);
    expect(totals.rows.length).toBeGreaterThan(1);

    const instances = await pool.query(`select count(distinct instance)::int as count from "${schema}".applied_log`);
    expect(instances.rows[0].count).toBeGreaterThanOrEqual(KILLS);
    // Takeover after a kill: the dead holder's lease (1 s) runs out, then the standby's next poll (100 ms).
    expect(Math.max(...takeoverMs)).toBeLessThan(CHILD_LEASE_MS + 5000);
    process.stderr.write(
      `projection failover: ${stored.rowCount} events, ${KILLS} SIGKILLs mid-batch, takeover ${Math.min(...takeoverMs)}–${Math.max(...takeoverMs)} ms\n`,
    );
  }, 180_000);
});
