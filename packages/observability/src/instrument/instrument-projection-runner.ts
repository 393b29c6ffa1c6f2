import type { ObservabilityHooks, ProjectionRunner } from '@orchestrix/core';

/**
 * Attaches `hooks` to `runner` through core's `ProjectionRunner.observe` and returns it (the same object,
 * so its type and behaviour are unchanged; works before or after `start()`). From then on it reports
 * `projectionUpdated` per batch and `projectionLag` on every `lag(name)` call to `hooks.metrics`, and
 * opens a `process_event:<type>` consumer span per delivered event, a child of the span that stored the
 * event (its `traceparent`, also across processes), and a `process_batch:<name>` span per `handleBatch`,
 * on `hooks.tracer`; a hook left out is kept.
 *
 * Nothing samples the lag on its own: call `runner.lag(name)` on a schedule (or when metrics are
 * scraped) to keep the `projectionLag` gauge current.
 *
 * @example
 * const runner = instrumentProjectionRunner(new ProjectionRunner({ source, checkpoints, projections }), { metrics, tracer });
 * await runner.start();
 */
export function instrumentProjectionRunner<R extends ProjectionRunner>(runner: R, hooks: ObservabilityHooks): R {
  return runner.observe(hooks);
}
