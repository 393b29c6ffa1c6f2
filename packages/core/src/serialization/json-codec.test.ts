import fastCheck from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeJson,
  deepFreezeJson,
  encodedByteBound,
  encodedByteLength,
  encodeJson,
  normalizeJson,
} from './json-codec';

describe('normalizeJson', () => {
  it('encodes a Date as its ISO string', () => {
    const placedAt = new Date('2024-05-01T10:00:00.123Z');

    const result = normalizeJson({ placedAt });

    expect(result).toEqual({ placedAt: '2024-05-01T10:00:00.123Z' });
  });

  it('encodes a bigint as its decimal string', () => {
    const result = normalizeJson({ position: 9007199254740993n });

    expect(result).toEqual({ position: '9007199254740993' });
  });

  it('encodes an object through its toJSON', () => {
    class Money {
      constructor(
        readonly amount: number,
        readonly currency: string,
      ) {}

      toJSON(): string {
        return `${this.amount} ${this.currency}`;
      }
    }

    const result = normalizeJson({ price: new Money(5, 'EUR') });

    expect(result).toEqual({ price: '5 EUR' });
  });

  it('normalises the value toJSON returns', () => {
    const value = { toJSON: () => ({ at: new Date(0), count: 2n }) };

    const result = normalizeJson({ value });

    expect(result).toEqual({ value: { at: '1970-01-01T00:00:00.000Z', count: '2' } });
  });

  it('turns -0 into 0', () => {
    const result = normalizeJson({ balance: -0 });

    expect(Object.is((result as { balance: number }).balance, 0)).toBe(true);
  });

  it('keeps strings, finite numbers, booleans and null as they are', () => {
    const input = { name: 'Zoë 😀', count: 1.5, active: false, note: null, tags: ['a', 'b'] };

    const result = normalizeJson(input);

    expect(result).toEqual(input);
  });

  it('drops object properties that are undefined', () => {
    const result = normalizeJson({ kept: 1, dropped: undefined });

    expect(result).toEqual({ kept: 1 });
    expect(Object.keys(result as object)).toEqual(['kept']);
  });

  it('accepts the same object referenced twice without a cycle', () => {
    const address = { city: 'Lyon' };

    const result = normalizeJson({ billing: address, shipping: address, history: [address, address] });

    expect(result).toEqual({ billing: address, shipping: address, history: [address, address] });
  });

  it('accepts an object without a prototype and returns a plain object', () => {
    const input = Object.assign(Object.create(null) as Record<string, unknown>, { orderId: 'o-1' });

    const result = normalizeJson(input);

    expect(result).toEqual({ orderId: 'o-1' });
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  });

  it('accepts nesting of exactly 100 levels', () => {
    let value: unknown = {};
    for (let level = 1; level < 100; level += 1) value = { child: value };

    const result = normalizeJson(value);

    expect(result).toEqual(value);
  });

  it('freezes the result deeply', () => {
    const result = normalizeJson({ order: { items: [{ sku: 'a' }] } }) as {
      order: { items: { sku: string }[] };
    };

    expect(Object.isFrozen(result)).toBe(true);
    expect(Object.isFrozen(result.order)).toBe(true);
    expect(Object.isFrozen(result.order.items)).toBe(true);
    expect(Object.isFrozen(result.order.items[0])).toBe(true);
  });

  it('leaves the input unchanged and unfrozen', () => {
    const input = { placedAt: new Date(0), items: [{ sku: 'a', skipped: undefined }] };

    normalizeJson(input);

    expect(input.placedAt).toBeInstanceOf(Date);
    expect(Object.keys(input.items[0] ?? {})).toEqual(['sku', 'skipped']);
    expect(Object.isFrozen(input)).toBe(false);
    expect(Object.isFrozen(input.items)).toBe(false);
  });

  it('returns a copy that later changes to the input do not reach', () => {
    const input = { items: [{ sku: 'a' }] };

    const result = normalizeJson(input);
    input.items.push({ sku: 'b' });
    input.items[0] = { sku: 'changed' };

    expect(result).toEqual({ items: [{ sku: 'a' }] });
  });

  it('returns data it made itself unchanged', () => {
    const normalized = normalizeJson({ orderId: 'o-1' });

    const result = normalizeJson(normalized);

    expect(result).toBe(normalized);
  });
});

describe('encodeJson', () => {
  it('writes the JSON text of the normalised value', () => {
    const text = encodeJson({ placedAt: new Date(0), total: 10n, note: undefined });

    expect(text).toBe('{"placedAt":"1970-01-01T00:00:00.000Z","total":"10"}');
  });
});

describe('encodedByteLength', () => {
  it('counts ASCII JSON text one byte per character', () => {
    const length = encodedByteLength({ a: 'x' });

    expect(length).toBe('{"a":"x"}'.length);
  });

  it('counts UTF-8 bytes of multi-byte characters', () => {
    const accented = encodedByteLength('é');
    const emoji = encodedByteLength('😀');

    expect(accented).toBe(4);
    expect(emoji).toBe(6);
  });
});

describe('encodedByteBound', () => {
  it('is never below the exact byte length of normalised data', () => {
    const anyJson = fastCheck.jsonValue().filter((value) => normalizeJsonAccepts(value));

    fastCheck.assert(
      fastCheck.property(anyJson, (value) => {
        const data = normalizeJson(value);

        expect(encodedByteBound(data)).toBeGreaterThanOrEqual(encodedByteLength(data));
      }),
    );
  });

  it('is never below the exact byte length of decoded data', () => {
    fastCheck.assert(
      fastCheck.property(fastCheck.json(), (text) => {
        const data = decodeJson(text);

        expect(encodedByteBound(data)).toBeGreaterThanOrEqual(encodedByteLength(data));
      }),
    );
  });
});

describe('deepFreezeJson', () => {
  it('freezes every nested object in place and returns the same value', () => {
    const value = { order: { items: [{ sku: 'a' }] } };

    const result = deepFreezeJson(value);

    expect(result).toBe(value);
    expect(Object.isFrozen(value.order.items[0])).toBe(true);
  });
});

function normalizeJsonAccepts(value: unknown): boolean {
  try {
    normalizeJson(value);
    return true;
  } catch {
    return false;
  }
}
