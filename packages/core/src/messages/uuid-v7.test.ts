import { describe, expect, it } from 'vitest';
import { uuidv7 } from './uuid-v7';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function embeddedMs(id: string): number {
  return Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);
}

describe('uuidv7', () => {
  it('returns a lowercase RFC 9562 version 7 UUID', () => {
    const id = uuidv7();

    expect(id).toMatch(UUID_V7);
  });

  it('embeds the current Unix time in milliseconds', () => {
    const before = Date.now();

    const id = uuidv7();

    expect(embeddedMs(id)).toBeGreaterThanOrEqual(before);
    expect(embeddedMs(id)).toBeLessThanOrEqual(Date.now() + 1);
  });

  it('returns 10,000 distinct ids', () => {
    const ids = Array.from({ length: 10_000 }, () => uuidv7());

    expect(new Set(ids).size).toBe(10_000);
  });

  it('returns ids that sort in the order they were made', () => {
    const ids = Array.from({ length: 10_000 }, () => uuidv7());

    expect([...ids].sort()).toEqual(ids);
  });

  it('keeps the version and variant bits in every id', () => {
    const ids = Array.from({ length: 10_000 }, () => uuidv7());

    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
  });
});
