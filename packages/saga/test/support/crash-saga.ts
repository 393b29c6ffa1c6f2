import { setTimeout as sleep } from 'node:timers/promises';
import type { SagaStateStore } from '@orchestrix/core';
import { Saga, SagaStep, type SagaStepContext } from '@orchestrix/saga';
import type pg from 'pg';

/** The input of a crash-proof saga: `fails` makes its last step fail, so the earlier two are compensated. */
export interface CrashSagaInput {
  readonly fails: boolean;
}

/** The steps of every crash-proof saga, in order. */
export const CRASH_STEPS = ['reserve', 'charge', 'ship'] as const;

/** The saga's lease: short, so a recovery worker claims a killed process's sagas within a second. */
export const CRASH_LEASE_MS = 1000;

/** What the runner child (`saga-runner-child.ts`) tells its parent. */
export type SagaRunnerMessage = { readonly kind: 'ready' } | { readonly kind: 'all-started' };

/** Names the runner child's connections, so its parent sees when the last one is gone. */
export const RUNNER_APPLICATION_NAME = 'saga-runner-child';

/** The id and input of the `index`-th saga of a run: every third one fails at its last step. */
export function crashSagaPlan(count: number): { readonly sagaId: string; readonly input: CrashSagaInput }[] {
  return Array.from({ length: count }, (_, index) => ({
    sagaId: `crash-${String(index).padStart(3, '0')}`,
    input: { fails: index % 3 === 2 },
  }));
}

/** Creates the unkeyed invocation log and the keyed table of side effects in `schema`. */
export async function createCrashTables(pool: pg.Pool, schema: string): Promise<void> {
  await pool.query(`
    create table if not exists "${schema}".saga_invocations (
      id bigserial primary key,
      saga_id text not null,
      step text not null,
      kind text not null check (kind in ('action', 'compensation')),
      idempotency_key text not null,
      attempt integer not null,
      at timestamptz not null default clock_timestamp()
    );
    create table if not exists "${schema}".saga_effects (
      idempotency_key text not null,
      kind text not null check (kind in ('action', 'compensation')),
      saga_id text not null,
      step text not null,
      at timestamptz not null default clock_timestamp(),
      primary key (idempotency_key, kind)
    );`);
}

/** A few milliseconds of work, so that a kill lands mid-step. */
function work(signal: AbortSignal): Promise<void> {
  return sleep(5 + Math.floor(Math.random() * 25), undefined, { signal });
}

/**
 * The saga the crash proof runs, in the child and in the test process alike: each action and compensation
 * logs its invocation first (unkeyed: every call shows), works a while, then records its effect keyed by
 * the idempotency key (`on conflict do nothing`: the external system recognising a repeated call).
 */
export function crashSaga(pool: pg.Pool, schema: string, stateStore: SagaStateStore): Saga<CrashSagaInput> {
  const invoke = async (
    kind: 'action' | 'compensation',
    context: SagaStepContext<CrashSagaInput>,
    fails = false,
  ): Promise<void> => {
    await pool.query(
      `insert into "${schema}".saga_invocations (saga_id, step, kind, idempotency_key, attempt) values ($1, $2, $3, $4, $5)`,
      [context.sagaId, context.stepName, kind, context.idempotencyKey, context.attempt],
    );
    await work(context.signal);
    if (fails) throw new Error(`${context.stepName} refused saga ${context.sagaId}`);
    await pool.query(
      `insert into "${schema}".saga_effects (idempotency_key, kind, saga_id, step) values ($1, $2, $3, $4)
       on conflict do nothing`,
      [context.idempotencyKey, kind, context.sagaId, context.stepName],
    );
    await work(context.signal);
  };
  return new Saga<CrashSagaInput>({
    sagaType: 'CrashSaga',
    stateStore,
    leaseMs: CRASH_LEASE_MS,
    steps: CRASH_STEPS.map(
      (name, index) =>
        new SagaStep<CrashSagaInput>({
          name,
          action: (context) => invoke('action', context, index === CRASH_STEPS.length - 1 && context.input.fails),
          compensation: (context) => invoke('compensation', context),
        }),
    ),
  });
}
