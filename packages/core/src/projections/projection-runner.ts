import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { CheckpointStore } from '../checkpoints/checkpoint-store';
import type { Clock } from '../clock/clock';
import { systemClock } from '../clock/system-clock';
import type { DeadLetterQueue } from '../dead-letter/dead-letter-queue';
import { LeaseHeldError } from '../errors/lease-held-error';
import { TimeoutError } from '../errors/timeout-error';
import { ValidationError } from '../errors/validation-error';
import type { EventStore } from '../event-store/event-store';
import type { Logger } from '../logging/logger';
import { noopLogger } from '../logging/noop-logger';
import type { Metrics } from '../observability/metrics';
import type { ObservabilityHooks } from '../observability/observability-hooks';
import type { Tracer } from '../observability/tracer';
import { countEventsAfter } from './count-events-after';
import { type BatchEnvironment, processBatch, setBack } from './process-batch';
import type { Projection } from './projection';
import type { ProjectionHealth } from './projection-health';
import { ProjectionLeases } from './projection-leases';
import type { ProjectionState } from './projection-state';

/** How often `waitFor` reads the checkpoints of projections another instance runs. */
const FOLLOW_WHILE_WAITING_MS = 50;

/** Options of {@link ProjectionRunner}. */
export interface ProjectionRunnerOptions {
  /** The global feed the projections read. */
  readonly source: EventStore;
  readonly checkpoints: CheckpointStore;
  /** Projections from {@link defineProjection}, each with its own name. */
  readonly projections: readonly Projection[];
  /** Events per batch for projections without their own `batchSize`; 100 unless given. */
  readonly batchSize?: number;
  /** How long the running runner waits for new events when caught up; 1000 ms unless given. */
  readonly pollIntervalMs?: number;
  /** Where polling, retry delays and timeouts wait; {@link systemClock} unless given. */
  readonly clock?: Clock;
  /** Where projections with `deadLetter: true` put events that failed after their retries. */
  readonly deadLetterQueue?: DeadLetterQueue;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  /**
   * Starts a `process_event:<type>` span per delivered event, a child of the span that stored it (so a
   * command's trace reaches its projections, across processes), and a `process_batch:<name>` span per
   * `handleBatch` call.
   */
  readonly tracer?: Tracer;
  /**
   * How long a runner instance's lease on a projection lasts unless renewed (every third of it), when
   * the checkpoint store offers leases; 10000 ms unless given. Another instance takes a projection over
   * within about this long (plus its poll interval) after its holder died.
   */
  readonly leaseMs?: number;
  /** This runner instance's name as lease owner; `<hostname>:<pid>:<random>` unless given. Unique per instance. */
  readonly instanceId?: string;
}

/** Options of {@link ProjectionRunner.waitFor}. */
export interface WaitForOptions {
  /** Rejects with {@link TimeoutError} after this many milliseconds. */
  readonly timeoutMs: number;
}

/**
 * Runs projections over the global feed of an event store: at least once, in global order, each from its
 * own checkpoint. A handler that fails after its retries stops its projection at that event (or, with
 * `deadLetter`, dead-letters the event and moves on); the others go on.
 *
 * @example
 * const runner = new ProjectionRunner({ source: store, checkpoints, projections: [orderTotals] });
 * await runner.start();
 * const { lastPosition } = await store.save('order-1', [OrderCreated({ orderId: 'order-1' })]);
 * await runner.waitFor(lastPosition, { timeoutMs: 5000 });
 */
export class ProjectionRunner {
  readonly #states = new Map<string, ProjectionState>();
  readonly #source: EventStore;
  readonly #checkpoints: CheckpointStore;
  readonly #pollIntervalMs: number;
  readonly #clock: Clock;
  readonly #deadLetterQueue: DeadLetterQueue | undefined;
  readonly #logger: Logger;
  #metrics: Metrics | undefined;
  #tracer: Tracer | undefined;
  readonly #checkpointListeners = new Set<() => void>();
  readonly #leases: ProjectionLeases;
  #stopController: AbortController | undefined;
  #loop: Promise<void> | undefined;
  #unsubscribe: (() => void) | undefined;

  /**
   * @throws {@link ValidationError} for two projections with one name, a `batchSize` that is not a whole
   * number above zero, a negative `pollIntervalMs`, a `leaseMs` that is not a positive number, an empty
   * `instanceId`, or a projection with `deadLetter` but no `deadLetterQueue`.
   */
  constructor(options: ProjectionRunnerOptions) {
    const { batchSize = 100, pollIntervalMs = 1000, leaseMs = 10_000 } = options;
    const { instanceId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}` } = options;
    if (!Number.isSafeInteger(batchSize) || batchSize <= 0) {
      throw new ValidationError('batchSize', batchSize, 'batchSize must be a whole number above zero');
    }
    if (typeof pollIntervalMs !== 'number' || !Number.isFinite(pollIntervalMs) || pollIntervalMs < 0) {
      throw new ValidationError('pollIntervalMs', pollIntervalMs, 'pollIntervalMs must be a non-negative number');
    }
    this.#source = options.source;
    this.#checkpoints = options.checkpoints;
    this.#pollIntervalMs = pollIntervalMs;
    this.#clock = options.clock ?? systemClock;
    this.#deadLetterQueue = options.deadLetterQueue;
    this.#logger = options.logger ?? noopLogger;
    this.#metrics = options.metrics;
    this.#tracer = options.tracer;
    if (typeof leaseMs !== 'number' || !Number.isFinite(leaseMs) || leaseMs <= 0) {
      throw new ValidationError('leaseMs', leaseMs, 'leaseMs must be a positive number of milliseconds');
    }
    if (typeof instanceId !== 'string' || instanceId.trim() === '') {
      throw new ValidationError(
        'instanceId',
        instanceId,
        'instanceId cannot be empty: give each runner instance a name',
      );
    }
    this.#leases = new ProjectionLeases(this.#checkpoints, instanceId, leaseMs, this.#clock, this.#logger);
    for (const projection of options.projections) {
      if (this.#states.has(projection.name)) {
        throw new ValidationError('projections', projection.name, `two projections are named ${projection.name}`);
      }
      if (projection.deadLetter && this.#deadLetterQueue === undefined) {
        throw new ValidationError(
          'deadLetterQueue',
          undefined,
          `projection ${projection.name} dead-letters: give a deadLetterQueue`,
        );
      }
      this.#states.set(projection.name, {
        projection,
        batchSize: projection.batchSize ?? batchSize,
        position: 0n,
        healthy: true,
        lastError: undefined,
        stopped: false,
        loaded: undefined,
        lease: undefined,
        renewAtMs: 0,
        standby: false,
        outages: 0,
        retryAtMs: 0,
        deadLettered: new Map(),
        tail: Promise.resolve(),
        appended: false,
        wake: undefined,
      });
    }
  }

  /**
   * Reports to `hooks` from now on, in place of the `metrics` and `tracer` it was built with (a hook left
   * out is kept). `@orchestrix/observability`'s `instrumentProjectionRunner` calls it.
   *
   * @returns This runner.
   */
  observe(hooks: ObservabilityHooks): this {
    if (hooks.metrics !== undefined) this.#metrics = hooks.metrics;
    if (hooks.tracer !== undefined) this.#tracer = hooks.tracer;
    return this;
  }

  /** Starts processing in the background; resolves once running. Polls, and wakes early on appends. */
  async start(): Promise<void> {
    await this.#loadAll();
    if (this.#loop !== undefined) return;
    const controller = new AbortController();
    this.#stopController = controller;
    this.#unsubscribe = this.#source.onAppend?.(() => {
      for (const state of this.#states.values()) {
        state.appended = true;
        state.wake?.abort();
      }
    });
    this.#loop = Promise.all([this.#run(controller.signal), this.#heartbeat(controller.signal)]).then(() => undefined);
  }

  /**
   * Stops processing; resolves once the batch in flight is done and its checkpoint stored, and the
   * runner's leases are given up (so another instance takes over at once).
   */
  async stop(): Promise<void> {
    const loop = this.#loop;
    if (loop === undefined) return;
    this.#stopController?.abort();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    await loop;
    this.#loop = undefined;
    this.#stopController = undefined;
    await Promise.all(
      [...this.#states.values()].map((state) => this.#exclusive(state, () => this.#releaseLease(state))),
    );
  }

  /**
   * Processes every event up to the head of the feed as it is now; settles once the checkpoints are
   * stored. Projections whose lease another runner instance holds are left to that instance.
   */
  async runUntilCaughtUp(): Promise<void> {
    const head = await this.#head();
    await Promise.all(
      [...this.#states.values()].map((state) =>
        this.#exclusive(state, async () => {
          try {
            await this.#catchUp(state, head);
          } finally {
            if (this.#loop === undefined) await this.#releaseLease(state);
          }
        }),
      ),
    );
  }

  /**
   * Calls the projection's `reset` and sets its checkpoint back to 0 (compare-and-set) — in one transaction
   * when the checkpoint store offers `withTransaction` — then replays it up to the head of the feed; it is
   * healthy again unless the replay fails.
   *
   * @throws {@link ValidationError} for an unknown name; {@link LeaseHeldError} while another runner
   * instance holds the projection's lease; {@link ConcurrencyError} when another runner moved the checkpoint.
   */
  async rebuild(name: string): Promise<void> {
    const state = this.#state(name);
    await this.#exclusive(state, async () => {
      await this.#load(state);
      try {
        if ((await this.#leases.hold(state)) === 'refused') throw new LeaseHeldError(name);
        await this.#resetCheckpoint(state);
        Object.assign(state, {
          position: 0n,
          healthy: true,
          lastError: undefined,
          stopped: false,
          outages: 0,
          retryAtMs: 0,
        });
        await this.#catchUp(state, await this.#head());
      } finally {
        if (this.#loop === undefined) await this.#releaseLease(state);
      }
    });
  }

  /** Empties the read model and sets the checkpoint back to 0: in one transaction when the store offers one. */
  async #resetCheckpoint(state: ProjectionState): Promise<void> {
    const { name, reset } = state.projection;
    const withTransaction = this.#checkpoints.withTransaction?.bind(this.#checkpoints);
    if (withTransaction === undefined) {
      await reset?.({ projectionName: name, transaction: undefined });
      await this.#checkpoints.store(name, 0n, state.position);
      return;
    }
    await withTransaction(name, state.position, 0n, async (transaction) => {
      await reset?.({ projectionName: name, transaction });
    });
  }

  /** How many events of the feed lie after the projection's checkpoint. @throws {@link ValidationError} for an unknown name. */
  async lag(name: string): Promise<number> {
    const state = this.#state(name);
    await this.#load(state);
    if (state.standby) await this.#follow(state);
    const { count } = await countEventsAfter(this.#source, state.position);
    this.#metrics?.projectionLag?.({ projection: name, behind: count });
    return count;
  }

  /** The projection's health and checkpoint. @throws {@link ValidationError} for an unknown name. */
  async health(name: string): Promise<ProjectionHealth> {
    const state = this.#state(name);
    await this.#load(state);
    if (state.standby) await this.#follow(state);
    const { healthy, position, lastError, standby } = state;
    return { name, healthy, position, standby, ...(healthy ? {} : { lastError }) };
  }

  /**
   * Resolves once every projection's checkpoint has reached `position` (read-your-writes: pass the
   * `lastPosition` of an append). A projection stopped at a failing event never gets there, so the wait
   * times out.
   *
   * @throws {@link TimeoutError} when that takes longer than `options.timeoutMs`.
   */
  async waitFor(position: bigint, options: WaitForOptions): Promise<void> {
    await this.#loadAll();
    const passed = (): boolean => [...this.#states.values()].every((state) => state.position >= position);
    if (passed()) return;
    const timeout = this.#clock.timeoutSignal(options.timeoutMs);
    const done = new AbortController();
    // Another instance moves the checkpoints of the projections this one stands by for: read them often.
    void this.#followWhileWaiting(done.signal);
    try {
      await this.#untilPassed(passed, timeout, options.timeoutMs);
    } finally {
      done.abort();
    }
  }

  async #followWhileWaiting(signal: AbortSignal): Promise<void> {
    while (!signal.aborted && [...this.#states.values()].some((state) => state.standby)) {
      try {
        await this.#clock.sleep(FOLLOW_WHILE_WAITING_MS, signal);
        for (const state of this.#states.values()) if (state.standby && !signal.aborted) await this.#follow(state);
      } catch {
        // Stopped waiting, or the store failed this once: the runner's loop follows too.
      }
    }
  }

  #untilPassed(passed: () => boolean, timeout: AbortSignal, timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const listener = (): void => {
        if (!passed()) return;
        finish();
        resolve();
      };
      const onTimeout = (): void => {
        finish();
        reject(new TimeoutError('ProjectionRunner.waitFor', timeoutMs));
      };
      const finish = (): void => {
        this.#checkpointListeners.delete(listener);
        timeout.removeEventListener('abort', onTimeout);
      };
      this.#checkpointListeners.add(listener);
      timeout.addEventListener('abort', onTimeout, { once: true });
    });
  }

  #state(name: string): ProjectionState {
    const state = this.#states.get(name);
    if (state === undefined) throw new ValidationError('name', name, `no projection is named ${name}`);
    return state;
  }

  #load(state: ProjectionState): Promise<void> {
    if (state.loaded === undefined) {
      const loading = (async () => {
        state.position = await this.#checkpoints.load(state.projection.name);
        await state.projection.init?.();
      })();
      state.loaded = loading.catch((error: unknown) => {
        // A store that was down when first asked is asked again next time.
        state.loaded = undefined;
        throw error;
      });
    }
    return state.loaded;
  }

  /** Runs `work` on the projection once the work queued before on it is done: one batch at a time. */
  #exclusive<T>(state: ProjectionState, work: () => Promise<T>): Promise<T> {
    const run = state.tail.then(work);
    state.tail = run.catch(() => undefined);
    return run;
  }

  #environment(): BatchEnvironment {
    return {
      source: this.#source,
      checkpoints: this.#checkpoints,
      clock: this.#clock,
      logger: this.#logger,
      metrics: this.#metrics,
      tracer: this.#tracer,
      deadLetterQueue: this.#deadLetterQueue,
      signal: this.#stopController?.signal,
      onCheckpoint: () => this.#notifyCheckpoint(),
    };
  }

  async #loadAll(): Promise<void> {
    await Promise.all([...this.#states.values()].map((state) => this.#load(state)));
  }

  /** The position of the last event on the feed now (scanning from the lowest checkpoint). */
  async #head(): Promise<bigint> {
    await this.#loadAll();
    const lowest = [...this.#states.values()].reduce<bigint | undefined>(
      (low, state) => (low === undefined || state.position < low ? state.position : low),
      undefined,
    );
    return (await countEventsAfter(this.#source, lowest ?? 0n)).head;
  }

  async #catchUp(state: ProjectionState, head: bigint): Promise<void> {
    await this.#load(state);
    while (!state.stopped && state.position < head) {
      if (!(await this.#hold(state))) return;
      if ((await processBatch(state, this.#environment(), head)) === 0) return;
    }
  }

  /** Takes or renews the projection's lease; `false` while another instance holds it (then follows its checkpoint). */
  async #hold(state: ProjectionState): Promise<boolean> {
    const before = state.position;
    const outcome = await this.#leases.hold(state);
    if (outcome === 'refused') await this.#follow(state);
    else if (state.position !== before) this.#notifyCheckpoint();
    return outcome !== 'refused';
  }

  /** Reads the checkpoint another instance moves, so `waitFor`, `lag` and `health` see its progress. */
  async #follow(state: ProjectionState): Promise<void> {
    const stored = await this.#checkpoints.load(state.projection.name);
    // Taken over meanwhile: this instance's own position is newer than what it read.
    if (!state.standby || stored === state.position) return;
    state.position = stored;
    this.#notifyCheckpoint();
  }

  #notifyCheckpoint(): void {
    for (const listener of [...this.#checkpointListeners]) listener();
  }

  async #releaseLease(state: ProjectionState): Promise<void> {
    try {
      await this.#leases.release(state);
    } catch (error) {
      // It runs out by itself; another instance takes over then.
      this.#logger.warn('Projection runner could not give up a lease', {
        projectionName: state.projection.name,
        error,
      });
    }
  }

  /** Renews the leases this instance holds, also while a long batch runs. */
  async #heartbeat(signal: AbortSignal): Promise<void> {
    if (!this.#leases.enabled) return;
    while (!signal.aborted) {
      try {
        await this.#clock.sleep(this.#leases.renewEveryMs, signal);
      } catch {
        return;
      }
      for (const state of this.#states.values()) {
        // A stopped projection gave its lease up, so another instance (a fixed one, say) may run it.
        if (state.stopped) continue;
        try {
          await this.#leases.renew(state);
        } catch (error) {
          this.#logger.warn('Projection runner could not renew a lease', {
            projectionName: state.projection.name,
            error,
          });
        }
      }
    }
  }

  async #run(signal: AbortSignal): Promise<void> {
    // One loop per projection: a projection retrying, backing off or stuck never holds up the others.
    await Promise.all([...this.#states.values()].map((state) => this.#runProjection(state, signal)));
  }

  async #runProjection(state: ProjectionState, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      state.appended = false;
      const backoffMs = state.retryAtMs - this.#clock.now().getTime();
      let processed = 0;
      if (!state.stopped && backoffMs <= 0) {
        processed = await this.#exclusive(state, async () => {
          try {
            if (!(await this.#hold(state))) return 0;
            return await processBatch(state, this.#environment());
          } catch (error) {
            setBack(state, this.#environment(), error);
            return 0;
          } finally {
            if (state.stopped) await this.#releaseLease(state);
          }
        });
      }
      if (signal.aborted) return;
      if (processed === 0 && !state.appended) {
        await this.#idle(
          state,
          signal,
          backoffMs > 0 ? Math.min(backoffMs, this.#pollIntervalMs) : this.#pollIntervalMs,
        );
      }
    }
  }

  /** Waits `ms`, or less when an append wakes the projection or the runner stops. */
  async #idle(state: ProjectionState, signal: AbortSignal, ms: number): Promise<void> {
    const wake = new AbortController();
    const onStop = (): void => wake.abort();
    signal.addEventListener('abort', onStop, { once: true });
    state.wake = wake;
    try {
      await this.#clock.sleep(ms, wake.signal);
    } catch {
      // Woken by an append or stopped: either way the loop looks again.
    } finally {
      signal.removeEventListener('abort', onStop);
      state.wake = undefined;
    }
  }
}
