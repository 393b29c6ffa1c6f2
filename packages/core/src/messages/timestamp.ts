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
