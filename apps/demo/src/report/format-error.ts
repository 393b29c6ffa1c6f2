/** Fields every error has, or that say nothing a newcomer needs here. */
const HIDDEN_FIELDS = new Set(['name', 'message', 'stack', 'retryable', 'code', 'errors', 'storedEvents']);

/**
 * Describes an error on one line by its class, its `code` and its own fields, never its message text:
 * `InsufficientFundsError code=INSUFFICIENT_FUNDS accountId=alice balance=1050 requested=10000`.
 */
export function formatError(error: unknown): string {
  if (!(error instanceof Error)) return `non-error ${String(error)}`;
  const code = (error as { code?: unknown }).code;
  const fields = Object.entries(error)
    .filter(([key, value]) => !HIDDEN_FIELDS.has(key) && typeof value !== 'object' && typeof value !== 'function')
    .map(([key, value]) => `${key}=${String(value)}`);
  return [error.name, ...(code === undefined ? [] : [`code=${String(code)}`]), ...fields].join(' ');
}
