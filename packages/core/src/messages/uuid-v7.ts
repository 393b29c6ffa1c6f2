import { randomFillSync } from 'node:crypto';

const POOL_SIZE = 4096;
const pool = new Uint8Array(POOL_SIZE);
let poolOffset = POOL_SIZE;
let lastMs = -1;
let counter = 0;
const HEX: string[] = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function randomBytes(count: number): number {
  if (poolOffset + count > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const offset = poolOffset;
  poolOffset += count;
  return offset;
}

/**
 * Returns a new RFC 9562 version 7 UUID: time-ordered by its millisecond timestamp, and monotonic within
 * one process (a 12-bit counter orders ids made in the same millisecond).
 */
export function uuidv7(): string {
  let ms = Date.now();
  if (ms > lastMs) {
    lastMs = ms;
    counter = pool[randomBytes(1)] ?? 0;
  } else {
    counter += 1;
    if (counter > 0xfff) {
      lastMs += 1;
      counter = 0;
    }
    ms = lastMs;
  }
  const offset = randomBytes(8);
  const bytes = [
    Math.floor(ms / 2 ** 40) & 0xff,
    Math.floor(ms / 2 ** 32) & 0xff,
    (ms >>> 24) & 0xff,
    (ms >>> 16) & 0xff,
    (ms >>> 8) & 0xff,
    ms & 0xff,
    0x70 | ((counter >>> 8) & 0x0f),
    counter & 0xff,
    0x80 | ((pool[offset] ?? 0) & 0x3f),
  ];
  let text = '';
  for (let index = 0; index < 9; index += 1) {
    text += HEX[bytes[index] ?? 0];
    if (index === 3 || index === 5 || index === 7) text += '-';
  }
  for (let index = 1; index < 8; index += 1) {
    text += HEX[pool[offset + index] ?? 0];
    if (index === 1) text += '-';
  }
  return text;
}
