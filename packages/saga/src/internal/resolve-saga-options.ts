import {
  type Clock,
  type Logger,
  type Metrics,
  noopLogger,
  type SagaStateStore,
  systemClock,
  type Tracer,
  uuidv7,
  ValidationError,
  validateLeaseMs,
  validateNotEmpty,
} from '@orchestrix/core';
import type { SagaOptions } from '../saga-options';
import { SagaStep } from '../saga-step';
import { validateTimeoutMs } from './validate-timeout-ms';

/** The lease a run holds unless `leaseMs` says otherwise. */
export const DEFAULT_LEASE_MS = 30_000;

/**
 * A saga's options, checked, with every default filled in.
 *
 * @internal Shared by the saga's modules; not part of the public API.
 */
export interface SagaDefinition<I = unknown> {
  readonly sagaType: string;
  readonly steps: readonly SagaStep<I>[];
  readonly stateStore: SagaStateStore;
  readonly timeoutMs: number | undefined;
  readonly clock: Clock;
  readonly metrics: Metrics | undefined;
  readonly tracer: Tracer | undefined;
  readonly logger: Logger;
  readonly leaseMs: number;
  readonly owner: string;
}

/**
 * A saga's settings without its steps: what the parts of a run that never call a step need.
 *
 * @internal Shared by the saga's modules; not part of the public API.
 */
export type SagaSettings = Omit<SagaDefinition, 'steps'>;

function resolveSteps<I>(steps: SagaOptions<I>['steps']): SagaStep<I>[] {
  if (!Array.isArray(steps)) throw new ValidationError('steps', steps, 'steps must be an array of SagaStep');
  const resolved = steps.map((step: SagaOptions<I>['steps'][number]) =>
    step instanceof SagaStep ? step : new SagaStep(step),
  );
  const names = new Set<string>();
  for (const step of resolved) {
    if (names.has(step.name)) {
      throw new ValidationError(
        'steps',
        step.name,
        `steps has two steps named "${step.name}": give each a unique name`,
      );
    }
    names.add(step.name);
  }
  return resolved;
}

function validateStateStore(stateStore: unknown): asserts stateStore is SagaStateStore {
  const store = stateStore as Partial<SagaStateStore> | null | undefined;
  const methods = [store?.load, store?.save, store?.renewLease];
  if (methods.some((method) => typeof method !== 'function')) {
    throw new ValidationError('stateStore', stateStore, 'stateStore must be a SagaStateStore');
  }
}

/**
 * Checks a saga's options and fills in the defaults.
 *
 * @internal Shared by the saga's modules; not part of the public API.
 * @throws {@link ValidationError} naming the offending option.
 */
export function resolveSagaOptions<I>(options: SagaOptions<I>): SagaDefinition<I> {
  validateNotEmpty(options?.sagaType, 'sagaType');
  const steps = resolveSteps(options.steps);
  validateStateStore(options.stateStore);
  validateTimeoutMs(options.timeoutMs, 'timeoutMs');
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  validateLeaseMs(leaseMs);
  if (options.owner !== undefined) validateNotEmpty(options.owner, 'owner');
  return Object.freeze({
    sagaType: options.sagaType,
    steps: Object.freeze(steps),
    stateStore: options.stateStore,
    timeoutMs: options.timeoutMs,
    clock: options.clock ?? systemClock,
    metrics: options.metrics,
    tracer: options.tracer,
    logger: options.logger ?? noopLogger,
    leaseMs,
    owner: options.owner ?? `saga-${uuidv7()}`,
  });
}
