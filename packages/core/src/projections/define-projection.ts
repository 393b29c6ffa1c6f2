import { ValidationError } from '../errors/validation-error';
import { NoRetry } from '../retry/no-retry';
import type { Projection, ProjectionDefinition } from './projection';

const SAFE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Checks a projection definition and returns it frozen, ready for a {@link ProjectionRunner}.
 *
 * @throws {@link ValidationError} for a name that is not a safe identifier (`/^[a-z_][a-z0-9_]{0,62}$/`),
 * a `batchSize` that is not a whole number above zero, neither or both of `handlers` and `handleBatch`, a
 * handler that is not a function, or `deadLetter` with `handleBatch`.
 * @example
 * const orderTotals = defineProjection({
 *   name: 'order_totals',
 *   handlers: { OrderCreated: (event) => totals.set(event.streamId, 0) },
 * });
 */
export function defineProjection(definition: ProjectionDefinition): Projection {
  const { name, handlers, handleBatch, batchSize } = definition;
  if (typeof name !== 'string' || !SAFE_NAME.test(name)) {
    throw new ValidationError(
      'name',
      name,
      'name must be a safe identifier: a lowercase letter or _, then up to 62 lowercase letters, digits or _',
    );
  }
  if (batchSize !== undefined && (!Number.isSafeInteger(batchSize) || batchSize <= 0)) {
    throw new ValidationError('batchSize', batchSize, 'batchSize must be a whole number above zero');
  }
  if ((handlers === undefined) === (handleBatch === undefined)) {
    throw new ValidationError(
      'handlers',
      handlers,
      'give a projection either handlers or handleBatch, not both or neither',
    );
  }
  for (const [type, handler] of Object.entries(handlers ?? {})) {
    if (typeof handler !== 'function') {
      throw new ValidationError(`handlers.${type}`, handler, `the handler of ${type} must be a function`);
    }
  }
  if (handleBatch !== undefined && typeof handleBatch !== 'function') {
    throw new ValidationError('handleBatch', handleBatch, 'handleBatch must be a function');
  }
  if (definition.deadLetter === true && handleBatch !== undefined) {
    throw new ValidationError('deadLetter', true, 'deadLetter needs per-event handlers, not handleBatch');
  }
  return Object.freeze({
    ...definition,
    ...(handlers === undefined ? {} : { handlers: Object.freeze({ ...handlers }) }),
    retry: definition.retry ?? new NoRetry(),
    deadLetter: definition.deadLetter === true,
  });
}
