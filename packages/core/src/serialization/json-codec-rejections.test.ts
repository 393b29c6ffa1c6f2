import { describe, expect, it } from 'vitest';
import { SerializationError } from '../errors/serialization-error';
import { caughtError } from '../internal/caught-error';
import { normalizeJson } from './json-codec';

function nested(levels: number): unknown {
  let value: unknown = {};
  for (let level = 1; level < levels; level += 1) value = { child: value };
  return value;
}

class Customer {
  constructor(readonly name: string) {}
}

const holes: unknown[] = new Array(3);
holes[0] = 1;
holes[2] = 3;

const cyclic: Record<string, unknown> = { name: 'node' };
cyclic.self = cyclic;

const cyclicList: unknown[] = [];
cyclicList.push(cyclicList);

describe('normalizeJson', () => {
  it.each([
    ['NaN', { items: [0, 1, 2, { price: Number.NaN }] }, 'data.items[3].price'],
    ['Infinity', { total: Number.POSITIVE_INFINITY }, 'data.total'],
    ['-Infinity', { total: Number.NEGATIVE_INFINITY }, 'data.total'],
    ['a function', { callback: () => 1 }, 'data.callback'],
    ['a symbol', { tag: Symbol('tag') }, 'data.tag'],
    ['undefined inside an array', { list: [1, undefined] }, 'data.list[1]'],
    ['a hole in an array', { list: holes }, 'data.list[1]'],
    ['a Map', { lookup: new Map([['a', 1]]) }, 'data.lookup'],
    ['a Set', { tags: new Set(['a']) }, 'data.tags'],
    ['a class instance without toJSON', { customer: new Customer('Ada') }, 'data.customer'],
    ['an invalid Date', { at: new Date(Number.NaN) }, 'data.at'],
    ['an object cycle', cyclic, 'data.self'],
    ['an array cycle', { list: cyclicList }, 'data.list[0]'],
    ['a \\u0000 character', { name: 'a\u0000b' }, 'data.name'],
    ['a lone high surrogate', { name: 'a\ud800b' }, 'data.name'],
    ['a lone low surrogate', { name: '\udc00' }, 'data.name'],
    ['top-level undefined', undefined, 'data'],
  ])('rejects %s with a SerializationError at its path', (_label, value, path) => {
    const error = caughtError(() => normalizeJson(value));

    expect(error).toBeInstanceOf(SerializationError);
    expect(error).toMatchObject({ code: 'SERIALIZATION', path });
  });

  it('quotes a key that is not an identifier in the path', () => {
    const error = caughtError(() => normalizeJson({ 'odd key': { '3d': Number.NaN } }));

    expect(error).toBeInstanceOf(SerializationError);
    expect(error).toMatchObject({ path: 'data["odd key"]["3d"]' });
  });

  it('writes identifier keys with $ and _ in dot notation', () => {
    const error = caughtError(() => normalizeJson({ $ref: { _id: Number.NaN } }));

    expect(error).toMatchObject({ path: 'data.$ref._id' });
  });

  it('starts the path at the name it is given', () => {
    const error = caughtError(() => normalizeJson({ items: [Number.NaN] }, 'state'));

    expect(error).toMatchObject({ path: 'state.items[0]' });
  });

  it('rejects a key holding a \\u0000 character at the path of that key', () => {
    const error = caughtError(() => normalizeJson({ nested: { 'a\u0000b': 1 } }));

    expect(error).toBeInstanceOf(SerializationError);
    expect(error).toMatchObject({ path: 'data.nested["a\\u0000b"]' });
  });

  it('rejects a key holding a lone surrogate at the path of that key', () => {
    const error = caughtError(() => normalizeJson({ nested: { '\ud83d': 1 } }));

    expect(error).toBeInstanceOf(SerializationError);
    expect(error).toMatchObject({ path: 'data.nested["\\ud83d"]' });
  });

  it('rejects nesting deeper than 100 levels at the first level too deep', () => {
    const error = caughtError(() => normalizeJson(nested(101)));

    expect(error).toBeInstanceOf(SerializationError);
    expect(error).toMatchObject({ path: `data${'.child'.repeat(100)}` });
  });

  it('rejects a cycle reached through toJSON', () => {
    const holder: Record<string, unknown> = {};
    holder.value = { toJSON: () => ({ back: holder }) };

    const error = caughtError(() => normalizeJson(holder));

    expect(error).toBeInstanceOf(SerializationError);
    expect(error).toMatchObject({ path: 'data.value.back' });
  });
});
