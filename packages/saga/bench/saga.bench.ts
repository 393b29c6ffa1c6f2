// pnpm bench (saga): executions/s of a 3-step saga (reserve → charge → ship, each returning a small result)
// on InMemorySagaStateStore and on PostgresSagaStateStore; one after another, and 16 at a time. Each
// execution saves its state 8 times (pending, then running and completed per step, then completed).
// Medians of 5 runs after a warm-up, with min–max.
import { randomBytes } from 'node:crypto';
import type { SagaStateStore } from '@orchestrix/core';
import { InMemorySagaStateStore } from '@orchestrix/memory';
import { PostgreSQLEventStore } from '@orchestrix/postgres';
import { Saga, SagaStep } from '@orchestrix/saga';
import pg from 'pg';

const DATABASE_URL = process.env.ORCHESTRIX_TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const RUNS = 5;
const CONCURRENCY = 16;

interface BenchInput {
  readonly orderId: string;
  readonly amount: number;
}

function benchSaga(stateStore: SagaStateStore): Saga<BenchInput> {
  return new Saga<BenchInput>({
    sagaType: 'BenchSaga',
    stateStore,
    steps: [
      new SagaStep<BenchInput>({
        name: 'reserve',
        action: ({ input }) => ({ reservationId: `r-${input.orderId}` }),
        compensation: () => undefined,
      }),
      new SagaStep<BenchInput>({
        name: 'charge',
        action: ({ input }) => ({ paymentId: `p-${input.orderId}`, amount: input.amount }),
        compensation: () => undefined,
      }),
      new SagaStep<BenchInput>({ name: 'ship', action: ({ input }) => ({ shipped: input.orderId }) }),
    ],
  });
}

/** Executes `count` sagas, `concurrency` at a time; returns executions per second. */
async function executeRun(saga: Saga<BenchInput>, count: number, concurrency: number, run: string): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let index = next++; index < count; index = next++) {
        const orderId = `${run}-${index}`;
        const state = await saga.execute({ orderId, amount: 99 }, { sagaId: orderId });
        if (state.status !== 'completed') throw new Error(`saga ${orderId} ended ${state.status}`);
      }
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

function summarise(samples: number[]): { median: number; min: number; max: number } {
  const sorted = [...samples].sort((left, right) => left - right);
  return {
    median: sorted[Math.floor(sorted.length / 2)] ?? 0,
    min: sorted[0] ?? 0,
    max: sorted[sorted.length - 1] ?? 0,
  };
}

/** Runs a warm-up and {@link RUNS} measured runs, each on a fresh store from `makeStore`. */
async function measure(
  makeStore: () => SagaStateStore,
  count: number,
  concurrency: number,
  label: string,
): Promise<number[]> {
  const samples: number[] = [];
  for (let run = -1; run < RUNS; run += 1) {
    const perSecond = await executeRun(benchSaga(makeStore()), count, concurrency, `${label}-${run + 1}`);
    if (run >= 0) samples.push(perSecond);
  }
  return samples;
}

async function describeServer(pool: pg.Pool): Promise<string> {
  const result = await pool.query<{ version: string; synchronous_commit: string; fsync: string }>(
    `select current_setting('server_version') as version, current_setting('synchronous_commit') as synchronous_commit,
     current_setting('fsync') as fsync`,
  );
  const row = result.rows[0];
  return `PostgreSQL ${row?.version} (synchronous_commit=${row?.synchronous_commit}, fsync=${row?.fsync})`;
}

async function main(): Promise<void> {
  const pool = new pg.Pool({ connectionString: DATABASE_URL, max: CONCURRENCY + 4 });
  pool.on('error', () => undefined);
  const schema = `orx_saga_bench_${randomBytes(4).toString('hex')}`;
  const store = new PostgreSQLEventStore({ pool, schema });
  try {
    await store.initialize();
    const server = await describeServer(pool);
    const postgres = store.sagaStates();
    const rows: [string, number[]][] = [
      ['InMemorySagaStateStore, one at a time', await measure(() => new InMemorySagaStateStore(), 5000, 1, 'mem-1')],
      [
        `InMemorySagaStateStore, ${CONCURRENCY} at a time`,
        await measure(() => new InMemorySagaStateStore(), 5000, CONCURRENCY, 'mem-n'),
      ],
      ['PostgresSagaStateStore, one at a time', await measure(() => postgres, 300, 1, 'pg-1')],
      [`PostgresSagaStateStore, ${CONCURRENCY} at a time`, await measure(() => postgres, 1000, CONCURRENCY, 'pg-n')],
    ];
    const format = (value: number): string => Math.round(value).toLocaleString('en-US');
    console.log(
      `\n@orchestrix/saga benchmark — a 3-step saga, 8 saves per execution, medians of ${RUNS} runs (min–max)`,
    );
    console.log(`${server}, Node ${process.version}\n`);
    console.log('| workload | unit | median | min–max |');
    console.log('|---|---|---:|---:|');
    for (const [name, values] of rows) {
      const { median, min, max } = summarise(values);
      console.log(`| ${name} | executions/s | ${format(median)} | ${format(min)}–${format(max)} |`);
    }
  } finally {
    await pool.query(`drop schema if exists "${schema}" cascade`);
    await pool.end();
  }
}

await main();
