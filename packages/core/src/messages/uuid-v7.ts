import { randomFillSync } from 'node:crypto';

const random = new Uint32Array(3);
let lastMs = -1;
let prefix = '';
let counter = 0;

function reseed(ms: number): void {
  randomFillSync(random);
  const [randA = 0, randB = 0, start = 0] = random;
  const time = ms.toString(16).padStart(12, '0');
  // rand_a: 12 random bits; then the variant (binary 10) with 14 random bits, then 16 more random bits.
  const variant = (0x8000 | (randB & 0x3fff)).toString(16);
  const middle = (randB >>> 16).toString(16).padStart(4, '0');
  prefix = `${time.slice(0, 8)}-${time.slice(8)}-7${(randA & 0xfff).toString(16).padStart(3, '0')}-${variant}-${middle}`;
  // The last 32 bits start at a random value below 2^31 and count up: monotonic within the millisecond.
  counter = start >>> 1;
  lastMs = ms;
}

/**
 * Returns a new RFC 9562 version 7 UUID: time-ordered by its millisecond timestamp and monotonic within
 * one process. 74 random bits are drawn once per millisecond; ids made in the same millisecond count up
 * from a random start in their last 32 bits (RFC 9562 §6.2, method 2), which keeps them cheap.
 */
export function uuidv7(): string {
  const ms = Date.now();
  if (ms > lastMs) reseed(ms);
  else if (counter >= 0xffffffff) reseed(lastMs + 1);
  else counter += 1;
  return prefix + counter.toString(16).padStart(8, '0');
}
