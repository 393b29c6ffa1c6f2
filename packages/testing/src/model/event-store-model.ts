import { ConcurrencyError, DuplicateEventError, type EventStore, type StoredEvent } from '@orchestrix/core';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { ContractHarness } from '../contracts/contract-harness';
import { type AppendRun, MODEL_STREAMS, plannedRounds, type ResolvedAppend, resolveRound } from './append-plan';
import { modelMatches, StreamModel } from './stream-model';

/** Options of {@link eventStoreModelTest}. */
export interface EventStoreModelTestOptions {
  /** How many random scenarios to run; 50 unless given. Each gets a store from `harness.create()`. */
  readonly runs?: number;
  /** The fast-check seed, to replay a failure fast-check reported; random unless given. */
  readonly seed?: number;
  /** The test's timeout in milliseconds; 120,000 unless given. */
  readonly timeoutMs?: number;
}

function describeEvents(events: readonly StoredEvent[] | readonly { id: string; streamId: string; version: number }[]) {
  return events.map((event) => `${event.streamId}@${event.version}:${event.id}`);
}

async function runRound(
  scheduler: fc.Scheduler,
  store: EventStore,
  appends: readonly ResolvedAppend[],
  burst: boolean,
): Promise<AppendRun[]> {
  const clock = { tick: 0 };
  const runs = appends.map((append): AppendRun => ({ append, startTick: -1, endTick: -1 }));
  const settled = runs.map((run) =>
    scheduler.schedule(Promise.resolve(), run.append.label).then(async () => {
      run.startTick = clock.tick++;
      const { streamId, events, expectedVersion } = run.append;
      try {
        run.result = await (expectedVersion === undefined
          ? store.save(streamId, events)
          : store.save(streamId, events, expectedVersion));
      } catch (error) {
        run.error = error;
      }
      run.endTick = clock.tick++;
    }),
  );
  if (burst) {
    // Each waitOne() starts a task synchronously, so this starts every append in one turn.
    await Promise.all(appends.map(() => scheduler.waitOne()));
  } else {
    await scheduler.waitAll();
  }
  await Promise.all(settled);
  return runs;
}

function firstPosition(run: AppendRun): bigint {
  return run.result?.events[0]?.position ?? -1n;
}

function versionsOf(model: StreamModel): ReadonlyMap<string, number> {
  return new Map(MODEL_STREAMS.map((streamId) => [streamId, model.version(streamId)]));
}

/** Checks appends whose outcome the interleaving decides; returns the model after the round's writes. */
function checkContested(before: StreamModel, contested: readonly AppendRun[]): StreamModel {
  const model = before.clone();
  const writes = contested.filter((run) => run.error === undefined);
  writes.sort((left, right) => (firstPosition(left) < firstPosition(right) ? -1 : 1));
  for (const earlier of writes) {
    for (const later of writes) {
      if (earlier.endTick < later.startTick) {
        expect(
          firstPosition(earlier) < firstPosition(later),
          `${later.append.label} started after ${earlier.append.label} finished, so it must be positioned after it`,
        ).toBe(true);
      }
    }
  }
  const versions = [versionsOf(model)];
  for (const write of writes) {
    const { streamId, events, expectedVersion } = write.append;
    const outcome = model.append(
      streamId,
      events.map((event) => event.id),
      expectedVersion ?? 'any',
    );
    expect(
      outcome.kind,
      `${write.append.label} was written, but in position order the stream was at version ${model.version(streamId)} then`,
    ).toBe('written');
    if (outcome.kind !== 'written') return model;
    expect(write.result?.nextExpectedVersion, `${write.append.label}: nextExpectedVersion`).toBe(
      outcome.nextExpectedVersion,
    );
    expect(describeEvents(write.result?.events ?? []), `${write.append.label}: stored events`).toEqual(
      describeEvents(outcome.events),
    );
    versions.push(versionsOf(model));
  }
  for (const run of contested.filter((candidate) => candidate.error !== undefined)) {
    const { label, streamId, expectedVersion } = run.append;
    expect(run.error, `${label} failed`).toBeInstanceOf(ConcurrencyError);
    const error = run.error as ConcurrencyError;
    expect(error.streamId).toBe(streamId);
    // The append took effect after every write that finished before it started, before every write that started after it finished.
    const lower = Math.max(0, ...writes.map((write, index) => (write.endTick < run.startTick ? index + 1 : 0)));
    const later = writes.findIndex((write) => write.startTick > run.endTick);
    const upper = later === -1 ? writes.length : later;
    const explained = versions.slice(lower, upper + 1).some((at) => {
      const version = at.get(streamId) ?? 0;
      return version === error.actualVersion && !modelMatches(expectedVersion ?? 'any', version);
    });
    expect(
      explained,
      `${label} failed with actualVersion ${error.actualVersion}, which no moment during the call explains`,
    ).toBe(true);
  }
  return model;
}

/** Checks one round's outcomes against the model as it was before the round; returns the model after it. */
function checkRound(
  before: StreamModel,
  runs: readonly AppendRun[],
  earlier: ReadonlyMap<ResolvedAppend, AppendRun>,
): StreamModel {
  const contested: AppendRun[] = [];
  for (const run of runs) {
    const { label, streamId, events, expectedVersion, source } = run.append;
    const decided = before.decide(
      streamId,
      events.map((event) => event.id),
      expectedVersion ?? 'any',
    );
    if (decided.kind === 'retried') {
      expect(run.error, `${label} is a retry of a stored append and must succeed`).toBeUndefined();
      expect(run.result, `${label} must return the original result`).toEqual(source && earlier.get(source)?.result);
    } else if (decided.kind === 'duplicate') {
      expect(run.error, `${label} reuses stored event ids in another stream`).toBeInstanceOf(DuplicateEventError);
    } else {
      contested.push(run);
    }
  }
  return checkContested(before, contested);
}

async function expectStoreMatches(store: EventStore, model: StreamModel): Promise<void> {
  const all = await store.readAll({ limit: 10_000 });
  expect(describeEvents(all), 'readAll').toEqual(describeEvents(model.all()));
  expect(all.every((event, index) => index === 0 || event.position > (all[index - 1]?.position ?? 0n))).toBe(true);
  for (const streamId of MODEL_STREAMS) {
    expect(describeEvents(await store.load(streamId)), `load(${streamId})`).toEqual(
      describeEvents(model.events(streamId)),
    );
    expect(await store.streamVersion(streamId)).toBe(model.version(streamId));
  }
}

/**
 * Registers a fast-check model test of an EventStore: random rounds of concurrent appends (random
 * streams, all expected-version modes with current, stale and ahead numbers, 1 to 3 events, re-sent
 * earlier appends), interleaved by `fc.scheduler()`. Every write must be one the model accepts in the
 * store's position order, every `ConcurrencyError` must be explained by some moment during its call, every
 * retry must return the original result, and the store must end up equal to the model.
 *
 * @example
 * eventStoreModelTest('InMemoryEventStore', { create: () => new InMemoryEventStore() }, { runs: 100 });
 */
export function eventStoreModelTest<T extends EventStore>(
  name: string,
  harness: ContractHarness<T>,
  options: EventStoreModelTestOptions = {},
): void {
  it(
    `${name} behaves like the stream model under interleaved concurrent appends`,
    async () => {
      const property = fc.asyncProperty(fc.scheduler(), plannedRounds, async (scheduler, rounds) => {
        const store = await harness.create();
        try {
          let model = new StreamModel();
          const resendable: ResolvedAppend[] = [];
          const earlier = new Map<ResolvedAppend, AppendRun>();
          for (const [round, plan] of rounds.entries()) {
            const appends = resolveRound(round, plan.appends, (streamId) => model.version(streamId), resendable);
            const runs = await runRound(scheduler, store, appends, plan.burst);
            model = checkRound(model, runs, earlier);
            for (const run of runs) earlier.set(run.append, run);
            resendable.push(...appends.filter((append) => append.source === undefined));
          }
          await expectStoreMatches(store, model);
        } finally {
          await harness.dispose?.(store);
        }
      });
      await fc.assert(property, {
        numRuns: options.runs ?? 50,
        ...(options.seed === undefined ? {} : { seed: options.seed }),
      });
    },
    options.timeoutMs ?? 120_000,
  );
}
