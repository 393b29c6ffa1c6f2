import type { AggregateRepository, ObservabilityHooks } from '@orchestrix/core';

/**
 * Attaches `hooks` to `repository` through core's `AggregateRepository.observe` and returns it (the same
 * object, so its type and behaviour are unchanged). From then on it reports `aggregateLoaded` and
 * `commandHandled` to `hooks.metrics` and opens `load_aggregate:<type>` and `save_aggregate:<type>`
 * spans on `hooks.tracer`, in place of the hooks it was built with; a hook left out is kept.
 *
 * The store's own operations are traced by {@link instrumentEventStore} on the store given to the
 * repository, as children of these spans.
 *
 * @example
 * const repository = instrumentRepository(new AggregateRepository({ eventStore }), { metrics, tracer });
 */
export function instrumentRepository<R extends AggregateRepository>(repository: R, hooks: ObservabilityHooks): R {
  return repository.observe(hooks);
}
