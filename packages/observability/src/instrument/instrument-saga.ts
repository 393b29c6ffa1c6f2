import type { ObservabilityHooks } from '@orchestrix/core';

/**
 * Attaches `hooks` to `saga` (a `Saga` of `@orchestrix/saga`) through its `observe` method and returns it
 * (the same object, so its type and behaviour are unchanged). From then on its runs report
 * `sagaStarted`, `sagaStepFinished`, `sagaCompensated` and `sagaFinished` to `hooks.metrics` and open an
 * `execute_saga:<sagaType>` span (a child of the message being handled, if any) with `saga_step:<name>`
 * and `saga_compensation:<name>` children on `hooks.tracer`, in place of the hooks it was built with; a
 * hook left out is kept, and runs already in progress keep theirs.
 *
 * Typed by the `observe` method alone, so this package does not depend on `@orchestrix/saga`.
 *
 * @example
 * const saga = instrumentSaga(new Saga({ sagaType: 'OrderSaga', steps, stateStore }), { metrics, tracer });
 * await saga.execute({ orderId: '123', amount: 99 });
 */
export function instrumentSaga<S extends { observe(hooks: ObservabilityHooks): S }>(
  saga: S,
  hooks: ObservabilityHooks,
): S {
  return saga.observe(hooks);
}
