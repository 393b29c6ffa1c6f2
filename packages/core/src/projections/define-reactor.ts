import { defineProjection } from './define-projection';
import type { Projection, ProjectionEventHandler } from './projection';
import type { ReactorDefinition, ReactorEventHandler } from './reactor';

/**
 * Defines a reactor: a durable subscription to the store's feed for side effects (emails, payments,
 * calls to other services), run by a {@link ProjectionRunner} like any projection. Delivery is at least
 * once from a stored checkpoint, so a crash delays an event but never drops it; each handler gets an
 * `idempotencyKey` (`${name}:${event.id}`) so the external system can ignore a repeated call.
 *
 * @throws {@link ValidationError} as {@link defineProjection} does.
 * @example
 * const confirmationMails = defineReactor({
 *   name: 'confirmation_mails',
 *   handlers: {
 *     OrderPlaced: (event, { idempotencyKey }) => mailer.send(confirmationOf(event), { idempotencyKey }),
 *   },
 *   retry: new ExponentialBackoff({ maxRetries: 5 }),
 * });
 * const runner = new ProjectionRunner({ source: store, checkpoints, projections: [confirmationMails] });
 */
export function defineReactor(definition: ReactorDefinition): Projection {
  const { name, handlers, init, batchSize, retry, deadLetter } = definition;
  const withKey = (handler: ReactorEventHandler): ProjectionEventHandler => {
    return (event, context) =>
      handler(event, Object.freeze({ ...context, idempotencyKey: `${context.projectionName}:${event.id}` }));
  };
  const wrapped: Record<string, ProjectionEventHandler> = {};
  for (const [type, handler] of Object.entries(handlers ?? {})) {
    // A handler that is not a function is passed on unwrapped, for defineProjection to reject.
    wrapped[type] = typeof handler === 'function' ? withKey(handler) : handler;
  }
  return defineProjection({
    name,
    ...(handlers === undefined ? {} : { handlers: wrapped }),
    ...(init === undefined ? {} : { init }),
    ...(batchSize === undefined ? {} : { batchSize }),
    ...(retry === undefined ? {} : { retry }),
    ...(deadLetter === undefined ? {} : { deadLetter }),
  });
}
