import { randomUUID } from 'node:crypto';

let lastMs = -1;
let counter = 0;
let timeHex = '';

/**
 * Returns a new RFC 9562 version 7 UUID: time-ordered by its millisecond timestamp, and monotonic within
 * one process (a 12-bit counter orders ids made in the same millisecond). The random bits come from
 * `crypto.randomUUID()`.
 */
export function uuidv7(): string {
  const ms = Date.now();
  if (ms > lastMs) {
    lastMs = ms;
    counter = 0;
    timeHex = ms.toString(16).padStart(12, '0');
  } else if (counter < 0xfff) {
    counter += 1;
  } else {
    // 4096 ids in one millisecond: borrow the next millisecond to stay ordered.
    lastMs += 1;
    counter = 0;
    timeHex = lastMs.toString(16).padStart(12, '0');
  }
  // randomUUID's last 17 characters already hold the RFC 4122 variant and 62 random bits.
  return `${timeHex.slice(0, 8)}-${timeHex.slice(8)}-7${counter.toString(16).padStart(3, '0')}${randomUUID().slice(18)}`;
}
