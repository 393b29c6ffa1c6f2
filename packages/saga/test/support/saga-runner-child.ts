// The saga runner that saga-crash.postgres.test.ts kills, run as `node --import tsx saga-runner-child.ts <url>
// <schema> <count>`: a recovery worker resumes the sagas an earlier, killed runner left behind, while
// `CONCURRENCY` loops start the planned sagas not stored yet. It tells its parent 'ready' once it runs and
// 'all-started' once every planned saga is stored; it never exits by itself, and its parent SIGKILLs it.
import { setTimeout as sleep } from 'node:timers/promises';
import type { SagaStateStore } from '@orchestrix/core';
import { PostgreSQLEventStore } from '@orchestrix/postgres';
import { SagaRecoveryWorker } from '@orchestrix/saga';
import pg from 'pg';
import {
  CRASH_LEASE_MS,
  crashSaga,
  crashSagaPlan,
  RUNNER_APPLICATION_NAME,
  type SagaRunnerMessage,
} from './crash-saga';

const CONCURRENCY = 8;

function send(message: SagaRunnerMessage): void {
  if (process.send === undefined) throw new Error('saga-runner-child must be started with an IPC channel.');
  process.send(message);
}

async function main(): Promise<void> {
  const [connectionString, schema, count] = process.argv.slice(2);
  if (connectionString === undefined || schema === undefined || count === undefined) {
    throw new Error('usage: saga-runner-child <connection string> <schema> <count>');
  }
  const pool = new pg.Pool({ connectionString, max: 20, application_name: RUNNER_APPLICATION_NAME });
  const store = new PostgreSQLEventStore({ pool, schema });
  await store.initialize();
  const stateStore = store.sagaStates();
  const saga = crashSaga(pool, schema, stateStore);
  const worker = new SagaRecoveryWorker({
    sagas: [saga],
    stateStore,
    leaseMs: CRASH_LEASE_MS,
    pollIntervalMs: 100,
    limit: 50,
  });
  worker.start();
  const plan = crashSagaPlan(Number(count));
  const stored = new Set((await stateStore.list()).map((record) => record.sagaId));
  const queue = plan.filter((planned) => !stored.has(planned.sagaId));
  send({ kind: 'ready' });
  await Promise.all([
    ...Array.from({ length: CONCURRENCY }, async () => {
      for (let planned = queue.shift(); planned !== undefined; planned = queue.shift()) {
        // A saga that fails ends compensated and rejects with SagaError: that is its expected end here.
        await saga.execute(planned.input, { sagaId: planned.sagaId }).catch(() => undefined);
      }
    }),
    announceAllStarted(stateStore, plan.length),
  ]);
}

/** Says 'all-started' once every planned saga is stored, whichever process stored it. */
async function announceAllStarted(stateStore: SagaStateStore, count: number): Promise<void> {
  while ((await stateStore.list()).length < count) await sleep(20);
  send({ kind: 'all-started' });
}

main().catch((error: unknown) => {
  process.stderr.write(`saga-runner-child failed: ${String(error)}\n`);
  process.exit(1);
});
