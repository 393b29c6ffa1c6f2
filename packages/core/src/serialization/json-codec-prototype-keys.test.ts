import { afterEach, describe, expect, it } from 'vitest';
import { decodeJson, normalizeJson } from './json-codec';

function pollutionOfObjectPrototype(): unknown {
  return ({} as Record<string, unknown>).polluted;
}

afterEach(() => {
  delete (Object.prototype as Record<string, unknown>).polluted;
});

describe('normalizeJson', () => {
  it('keeps a __proto__ key as an own data property', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "orderId": "o-1"}') as unknown;

    const result = normalizeJson(input) as Record<string, unknown>;

    expect(Object.hasOwn(result, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(result, '__proto__')?.value).toEqual({ polluted: true });
  });

  it('never changes the prototype of the result for a __proto__ key', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}}') as unknown;

    const result = normalizeJson(input) as Record<string, unknown>;

    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(result.polluted).toBeUndefined();
  });

  it('never pollutes Object.prototype through a nested __proto__ key', () => {
    const input = JSON.parse('{"order": {"__proto__": {"polluted": true}}, "list": [{"__proto__": {"polluted": 1}}]}');

    normalizeJson(input);

    expect(pollutionOfObjectPrototype()).toBeUndefined();
  });

  it('keeps constructor and prototype keys as own data properties', () => {
    const input = { constructor: { prototype: { polluted: true } }, prototype: { polluted: true } };

    const result = normalizeJson(input) as Record<string, unknown>;

    expect(Object.hasOwn(result, 'constructor')).toBe(true);
    expect(Object.hasOwn(result, 'prototype')).toBe(true);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.prototype.constructor).toBe(Object);
    expect(pollutionOfObjectPrototype()).toBeUndefined();
  });
});

describe('decodeJson', () => {
  it('round-trips data written by encodeJson', () => {
    const data = normalizeJson({ orderId: 'o-1', items: [{ sku: 'a', quantity: 2 }], note: null });

    const result = decodeJson(JSON.stringify(data));

    expect(result).toEqual(data);
  });

  it('freezes the decoded data deeply', () => {
    const result = decodeJson('{"order": {"items": [{"sku": "a"}]}}') as {
      order: { items: { sku: string }[] };
    };

    expect(Object.isFrozen(result)).toBe(true);
    expect(Object.isFrozen(result.order)).toBe(true);
    expect(Object.isFrozen(result.order.items)).toBe(true);
    expect(Object.isFrozen(result.order.items[0])).toBe(true);
  });

  it('keeps a __proto__ key as an own data property without touching any prototype', () => {
    const result = decodeJson('{"__proto__": {"polluted": true}}') as Record<string, unknown>;

    expect(Object.hasOwn(result, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(pollutionOfObjectPrototype()).toBeUndefined();
  });
});
