import { isSecretKey } from './is-secret-key';

/** What a secret value is replaced with. */
const REDACTED = '[REDACTED]';

/** What a reference back to an enclosing object is replaced with. */
const CIRCULAR = '[Circular]';

/** A plain record without a prototype, so a key named `__proto__` stays an ordinary key. */
function emptyRecord(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

function hasToJson(value: object): value is { toJSON(): unknown } {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

function entriesToLogRecord(entries: Iterable<[unknown, unknown]>, ancestors: Set<object>): Record<string, unknown> {
  const record = emptyRecord();
  for (const [key, value] of entries) {
    const name = String(key);
    record[name] = isSecretKey(name) ? REDACTED : toLogValue(value, ancestors);
  }
  return record;
}

function errorToLogRecord(error: Error, ancestors: Set<object>): Record<string, unknown> {
  const record = emptyRecord();
  record.name = error.name;
  record.message = error.message;
  if ('code' in error && (typeof error.code === 'string' || typeof error.code === 'number')) record.code = error.code;
  if (error.stack !== undefined) record.stack = error.stack;
  if (error.cause !== undefined) record.cause = toLogValue(error.cause, ancestors);
  return record;
}

function objectToLogValue(value: object, ancestors: Set<object>): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof Error) return errorToLogRecord(value, ancestors);
  if (Array.isArray(value)) return value.map((item: unknown) => toLogValue(item, ancestors));
  if (value instanceof Map) return entriesToLogRecord(value.entries(), ancestors);
  if (value instanceof Set) return [...value].map((item: unknown) => toLogValue(item, ancestors));
  if (hasToJson(value)) return toLogValue(value.toJSON(), ancestors);
  return entriesToLogRecord(Object.entries(value), ancestors);
}

/**
 * Turns any value into data `JSON.stringify` writes without throwing: values under secret-looking keys
 * become `'[REDACTED]'` at any depth, errors become `{ name, message, code?, stack?, cause? }`, bigints and
 * symbols strings, dates ISO strings, maps records, sets arrays, and a reference back to an enclosing
 * object `'[Circular]'`.
 *
 * @internal Used by the logger; not part of the public API.
 * @throws Whatever a getter or a `toJSON` method of `value` throws.
 */
export function toLogValue(value: unknown, ancestors: Set<object> = new Set()): unknown {
  switch (typeof value) {
    case 'bigint':
    case 'symbol':
      return value.toString();
    case 'function':
      return `[Function ${value.name || 'anonymous'}]`;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'object':
      break;
    default:
      return value;
  }
  if (value === null) return null;
  if (ancestors.has(value)) return CIRCULAR;
  ancestors.add(value);
  try {
    return objectToLogValue(value, ancestors);
  } finally {
    ancestors.delete(value);
  }
}

/**
 * Turns a context or bindings record into loggable fields, as {@link toLogValue} does. Never throws: when a
 * getter or `toJSON` throws, the fields are replaced by a `logError` saying why.
 *
 * @internal Used by the logger; not part of the public API.
 */
export function toLogRecord(fields: Record<string, unknown>): Record<string, unknown> {
  try {
    return entriesToLogRecord(Object.entries(fields), new Set([fields]));
  } catch (error) {
    const reason = error instanceof Error ? error.message : typeof error;
    return { logError: `the context could not be logged: ${reason}` };
  }
}
