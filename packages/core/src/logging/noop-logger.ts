import type { Logger } from './logger';

/** Does nothing: the logger's way of ignoring an entry. */
function ignore(_message: string, _context?: Record<string, unknown>): void {
  // Writing nothing is the point of this logger.
}

/**
 * A {@link Logger} that writes nothing; its children write nothing either. The default wherever a logger is
 * optional.
 *
 * @example
 * const bus = new InMemoryMessageBus({ logger: noopLogger });
 */
export const noopLogger: Logger = Object.freeze({
  debug: ignore,
  info: ignore,
  warn: ignore,
  error: ignore,
  child: (_bindings: Record<string, unknown>): Logger => noopLogger,
});
