/**
 * Writes structured log entries. Core, the stores and the buses accept one in their options, and log nothing
 * at `info` on hot paths. {@link getLogger} returns the JSON-lines implementation, {@link noopLogger} one
 * that writes nothing.
 *
 * @example
 * logger.warn('Projection fell behind', { projectionName: 'order-summary', behind: 1200 });
 */
export interface Logger {
  /** Logs detail useful while diagnosing a problem. */
  debug(message: string, context?: Record<string, unknown>): void;
  /** Logs a notable, expected event. */
  info(message: string, context?: Record<string, unknown>): void;
  /** Logs something unexpected that the program recovered from. */
  warn(message: string, context?: Record<string, unknown>): void;
  /** Logs a failure that needs attention; put the error in `context`, e.g. `{ error }`. */
  error(message: string, context?: Record<string, unknown>): void;
  /** Returns a logger that adds `bindings` to every entry it writes, e.g. `{ sagaId }`. */
  child(bindings: Record<string, unknown>): Logger;
}
