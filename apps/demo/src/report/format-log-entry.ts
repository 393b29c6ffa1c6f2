/** Context keys worth a newcomer's attention, in the order they are shown. */
const SHOWN_KEYS = ['aggregateType', 'messageType', 'handlerName', 'attempt', 'attempts', 'delayMs'] as const;

function describeError(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const { name, code } = error as { name?: unknown; code?: unknown };
  return code === undefined ? String(name) : `${String(name)}(${String(code)})`;
}

/**
 * Turns one JSON line from `getLogger(…, { write })` into a short readable line:
 * `  log debug  Retrying after a concurrency conflict  aggregateType=Account attempt=1`. Time, ids and
 * stacks are left out, so the demo's output keeps the same shape from run to run.
 */
export function formatLogEntry(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return `  log ${line.trim()}`;
  }
  const fields = SHOWN_KEYS.filter((key) => entry[key] !== undefined).map((key) => `${key}=${String(entry[key])}`);
  if (entry.error !== undefined) fields.push(`error=${describeError(entry.error)}`);
  return `  log ${String(entry.level).padEnd(5)} ${String(entry.message)}  ${fields.join(' ')}`.trimEnd();
}
