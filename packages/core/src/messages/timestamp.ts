import { ValidationError } from '../errors/validation-error';

let lastMs = -1;
let lastText = '';

/** The current time as an ISO 8601 UTC string with milliseconds, formatted once per millisecond. */
export function currentTimestamp(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastText = new Date(ms).toISOString();
  }
  return lastText;
}

/**
 * A given timestamp as ISO 8601 UTC with milliseconds, the one form every store returns.
 *
 * @throws {@link ValidationError} with field `timestamp` when it is not a valid date.
 */
export function normalizeTimestamp(value: string | Date): string {
  const ms = typeof value === 'string' ? Date.parse(value) : value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new ValidationError('timestamp', value, 'timestamp must be an ISO 8601 date');
  return new Date(ms).toISOString();
}
