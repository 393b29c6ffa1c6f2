import type { Metrics } from '@orchestrix/core';

/** One call of a metrics hook: which hook, with what sample. */
export interface RecordedSample {
  readonly hook: keyof Metrics;
  readonly sample: Readonly<Record<string, unknown>>;
}

/** {@link Metrics} with every hook recording into `samples`. */
export type RecordingMetrics = Required<Metrics> & { readonly samples: RecordedSample[] };

// Every hook of core's Metrics; the check below fails the build when core adds one missing here.
const HOOKS = [
  'messageHandled',
  'messagePublished',
  'deadLettered',
  'aggregateLoaded',
  'commandHandled',
  'storageOperation',
  'sagaStarted',
  'sagaStepFinished',
  'sagaCompensated',
  'sagaFinished',
  'projectionUpdated',
  'projectionLag',
] as const satisfies readonly (keyof Metrics)[];
const COVERS_EVERY_HOOK: Exclude<keyof Metrics, (typeof HOOKS)[number]> extends never ? true : never = true;

/**
 * Builds {@link Metrics} whose every hook records its sample, tagged with the hook's name, for tests of
 * the framework's metrics hooks.
 *
 * @example
 * const metrics = recordingMetrics();
 * await new InMemoryMessageBus({ metrics }).publish(OrderPlaced({ orderId: 'o-1' }));
 * expect(metrics.samples.map((recorded) => recorded.hook)).toContain('messagePublished');
 */
export function recordingMetrics(): RecordingMetrics {
  const samples: RecordedSample[] = [];
  const metrics: Record<string, unknown> = { samples };
  if (!COVERS_EVERY_HOOK) throw new Error('unreachable');
  for (const hook of HOOKS) {
    metrics[hook] = (sample: Readonly<Record<string, unknown>>): void => {
      samples.push({ hook, sample });
    };
  }
  return metrics as RecordingMetrics;
}
