// Sagas survive SIGKILL: a child process running 60 sagas on PostgreSQL is killed at random points, several
// times; a recovery worker in this process finishes them. Every saga ends in a terminal status, a step that
// completed before a kill never runs again, only the step in flight at a kill runs twice (with the same
// idempotency key), and the keyed table of side effects holds each effect once (SPEC §8).
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { PostgreSQLEventStore } from '@orchestrix/postgres';
import {
  ACTIVE_SAGA_STATUSES,
  SagaRecoveryWorker,
  type SagaState,
  type SagaStepState,
  sagaIdempotencyKey,
} from '@orchestrix/saga';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CRASH_LEASE_MS,
  CRASH_STEPS,
  crashSaga,
  crashSagaPlan,
  createCrashTables,
  RUNNER_APPLICATION_NAME,
  type SagaRunnerMessage,
} from './support/crash-saga';

const DATABASE_URL = process.env.ORCHESTRIX_TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const SAGA_COUNT = 60;
const MIN_KILLS = 3;
const MAX_ROUNDS = 12;

const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 20 });
pool.on('error', () => undefined);
const schema = `orx_saga_${randomBytes(5).toString('hex')}`;
const store = new PostgreSQLEventStore({ pool, schema });
const stateStore = store.sagaStates();

beforeAll(async () => {
  await store.initialize();
  await createCrashTables(pool, schema);
});

afterAll(async () => {
  await pool.query(`drop schema if exists "${schema}" cascade`);
  await pool.end();
});

/** The stored sagas as a kill left them, and the database's time once the killed process's last query ended. */
interface KillSnapshot {
  readonly killedAt: Date;
  readonly sagas: ReadonlyMap<string, SagaState>;
}

interface Invocation {
  readonly sagaId: string;
  readonly step: string;
  readonly kind: 'action' | 'compensation';
  readonly idempotencyKey: string;
  readonly attempt: number;
  readonly at: Date;
}

/** Starts the runner child through tsx, its cwd the package so tsx finds the tsconfig paths. */
function forkRunner(): ChildProcess {
  const script = fileURLToPath(new URL('./support/saga-runner-child.ts', import.meta.url));
  return fork(script, [DATABASE_URL, schema, String(SAGA_COUNT)], {
    cwd: PACKAGE,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, TSX_TSCONFIG_PATH: `${PACKAGE}tsconfig.json` },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

async function storedSagas(): Promise<Map<string, SagaState>> {
  const records = await stateStore.list();
  return new Map(records.map((record) => [record.sagaId, record.state as unknown as SagaState]));
}

/** Waits until the server has ended every connection of the killed child: its last writes are in, or never will be. */
async function untilRunnerDisconnected(): Promise<void> {
  for (;;) {
    const result = await pool.query<{ count: number }>(
      'select count(*)::int as count from pg_stat_activity where application_name = $1',
      [RUNNER_APPLICATION_NAME],
    );
    if (result.rows[0]?.count === 0) return;
    await sleep(10);
  }
}

/** Runs the child, SIGKILLs it 150–600 ms after it is ready, and snapshots what it left behind. */
async function runAndKill(): Promise<{ readonly snapshot: KillSnapshot; readonly allStarted: boolean }> {
  const child = forkRunner();
  let allStarted = false;
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const ready = new Promise<void>((resolve) =>
    child.on('message', (message: SagaRunnerMessage) => {
      if (message.kind === 'ready') resolve();
      else allStarted = true;
    }),
  );
  const safety = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await Promise.race([ready, exited]);
  await sleep(150 + randomInt(450));
  child.kill('SIGKILL');
  const signal = await exited;
  clearTimeout(safety);
  if (signal !== 'SIGKILL') throw new Error(`The runner child ended by itself (signal ${String(signal)}).`);
  await untilRunnerDisconnected();
  const now = await pool.query<{ now: Date }>('select clock_timestamp() as now');
  const killedAt = now.rows[0]?.now ?? new Date();
  return { snapshot: { killedAt, sagas: await storedSagas() }, allStarted };
}

/** Resumes every saga the killed runners left active, in this process, until none is left. */
async function recoverAll(): Promise<void> {
  const worker = new SagaRecoveryWorker({
    sagas: [crashSaga(pool, schema, stateStore)],
    stateStore,
    leaseMs: CRASH_LEASE_MS,
    pollIntervalMs: 100,
    limit: 100,
  });
  worker.start();
  try {
    const giveUpAt = Date.now() + 30_000;
    while ((await stateStore.list({ statuses: ACTIVE_SAGA_STATUSES })).length > 0) {
      if (Date.now() > giveUpAt) throw new Error('The recovery worker left sagas active for 30 s.');
      await sleep(50);
    }
  } finally {
    await worker.stop();
  }
}

async function invocations(): Promise<Invocation[]> {
  const result = await pool.query<Invocation>(
    `select saga_id as "sagaId", step, kind, idempotency_key as "idempotencyKey", attempt, at
     from "${schema}".saga_invocations order by id`,
  );
  return result.rows;
}

/** `true` when `step` was mid-attempt `attempt` of its action or compensation in `state`. */
function wasInFlight(step: SagaStepState | undefined, kind: Invocation['kind'], attempt: number): boolean {
  if (kind === 'action') return step?.status === 'running' && step.attempts === attempt;
  return step?.status === 'compensating' && step.compensationAttempts === attempt;
}

describe('Saga on PostgreSQL with its process SIGKILLed at random points', () => {
  const snapshots: KillSnapshot[] = [];
  const plan = crashSagaPlan(SAGA_COUNT);
  let finalSagas = new Map<string, SagaState>();
  let log: Invocation[] = [];

  beforeAll(async () => {
    for (let round = 1; round <= MAX_ROUNDS; round += 1) {
      const { snapshot, allStarted } = await runAndKill();
      snapshots.push(snapshot);
      if (round >= MIN_KILLS && allStarted) break;
    }
    await recoverAll();
    finalSagas = await storedSagas();
    log = await invocations();
    const reran = log.filter((invocation) => invocation.attempt > 1);
    const midCompensation = snapshots.filter((snapshot) =>
      [...snapshot.sagas.values()].some((saga) => saga.steps.some((step) => step.status === 'compensating')),
    ).length;
    console.info(
      `saga crash proof: ${snapshots.length} kills, ${log.length} invocations, ${reran.length} re-run ` +
        `(${reran.filter((invocation) => invocation.kind === 'compensation').length} compensations), ` +
        `${midCompensation} kills mid-compensation`,
    );
  }, 110_000);

  it('kills the runner at least three times, mid-step, with every planned saga started', () => {
    expect(snapshots.length).toBeGreaterThanOrEqual(MIN_KILLS);
    expect(finalSagas.size).toBe(SAGA_COUNT);
    expect(log.some((invocation) => invocation.attempt > 1)).toBe(true);
  });

  it('ends every saga in its terminal status: completed, or compensated when its last step fails', () => {
    const statuses = plan.map(({ sagaId }) => [sagaId, finalSagas.get(sagaId)?.status]);

    expect(statuses).toEqual(plan.map(({ sagaId, input }) => [sagaId, input.fails ? 'compensated' : 'completed']));
  });

  it('never runs again a step or compensation that had ended before a kill', () => {
    const reruns = snapshots.flatMap(({ killedAt, sagas }) =>
      log.filter((invocation) => {
        const step = sagas.get(invocation.sagaId)?.steps.find((candidate) => candidate.name === invocation.step);
        const ended =
          invocation.kind === 'action'
            ? step?.status === 'completed' || step?.status === 'compensating' || step?.status === 'compensated'
            : step?.status === 'compensated';
        return ended && invocation.at > killedAt;
      }),
    );

    expect(reruns).toEqual([]);
  });

  it('runs again only the attempt in flight at a kill, once, with the same idempotency key', () => {
    const unexplained = log.filter(
      (invocation) =>
        invocation.attempt > 1 &&
        !snapshots.some(({ sagas }) =>
          wasInFlight(
            sagas.get(invocation.sagaId)?.steps.find((step) => step.name === invocation.step),
            invocation.kind,
            invocation.attempt - 1,
          ),
        ),
    );
    const attempts = log.map(({ sagaId, step, kind, attempt }) => `${sagaId}/${step}/${kind}/${attempt}`);

    expect(unexplained).toEqual([]);
    expect(new Set(attempts).size).toBe(attempts.length);
    expect(
      log.filter((invocation) => invocation.idempotencyKey !== sagaIdempotencyKey(invocation.sagaId, invocation.step)),
    ).toEqual([]);
  });

  it('holds each effect once in the keyed table: every action that succeeded and every compensation', async () => {
    const expected = plan.flatMap(({ sagaId, input }) =>
      CRASH_STEPS.flatMap((step, index) => {
        const key = sagaIdempotencyKey(sagaId, step);
        const actionSucceeded = !(input.fails && index === CRASH_STEPS.length - 1);
        const compensated = finalSagas.get(sagaId)?.steps[index]?.status === 'compensated';
        return [...(actionSucceeded ? [`${key}/action`] : []), ...(compensated ? [`${key}/compensation`] : [])];
      }),
    );

    const effects = await pool.query<{ effect: string }>(
      `select idempotency_key || '/' || kind as effect from "${schema}".saga_effects`,
    );

    expect(effects.rows.map((row) => row.effect).sort()).toEqual(expected.sort());
  });
});
