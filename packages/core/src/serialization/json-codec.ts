import { SerializationError } from '../errors/serialization-error';
import type { JsonValue } from './json-value';

const MAX_DEPTH = 100;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const normalizedRoots = new WeakSet<object>();

type WellFormedString = string & { isWellFormed(): boolean };

function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function checkString(value: string, path: string): string {
  if (value.includes('\u0000'))
    throw new SerializationError(path, 'holds a \\u0000 character, which PostgreSQL jsonb rejects');
  if (!(value as WellFormedString).isWellFormed()) throw new SerializationError(path, 'holds a lone UTF-16 surrogate');
  return value;
}

function defineKey(target: Record<string, JsonValue>, key: string, value: JsonValue): void {
  // `__proto__` must become an own data property, never the object's prototype.
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function describe(value: object): string {
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? name : 'an object with a custom prototype';
}

function walk(value: unknown, path: string, ancestors: object[], key: string): JsonValue {
  switch (typeof value) {
    case 'string':
      return checkString(value, path);
    case 'number':
      if (!Number.isFinite(value)) throw new SerializationError(path, `is ${String(value)}, which JSON cannot hold`);
      return value === 0 ? 0 : value;
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'undefined':
      throw new SerializationError(path, 'is undefined');
    case 'function':
      throw new SerializationError(path, 'is a function');
    case 'symbol':
      throw new SerializationError(path, 'is a symbol');
  }
  if (value === null) return null;
  const object = value as object;
  if (normalizedRoots.has(object)) return object as JsonValue;
  if (ancestors.includes(object)) throw new SerializationError(path, 'refers back to itself (a cycle)');
  if (ancestors.length >= MAX_DEPTH) throw new SerializationError(path, `is nested deeper than ${MAX_DEPTH} levels`);
  if (object instanceof Date) {
    if (Number.isNaN(object.getTime())) throw new SerializationError(path, 'is an invalid Date');
    return object.toISOString();
  }
  const toJSON = (object as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    ancestors.push(object);
    const result = walk(toJSON.call(object, key), path, ancestors, key);
    ancestors.pop();
    return result;
  }
  ancestors.push(object);
  let result: JsonValue;
  if (Array.isArray(object)) {
    const copy: JsonValue[] = new Array(object.length);
    for (let index = 0; index < object.length; index += 1) {
      const item: unknown = object[index];
      const itemPath = childPath(path, index);
      if (item === undefined) throw new SerializationError(itemPath, 'is undefined inside an array');
      copy[index] = walk(item, itemPath, ancestors, String(index));
    }
    result = Object.freeze(copy);
  } else {
    const prototype = Object.getPrototypeOf(object);
    if (prototype !== Object.prototype && prototype !== null) {
      throw new SerializationError(path, `is an instance of ${describe(object)} without toJSON()`);
    }
    const copy: Record<string, JsonValue> = {};
    for (const name of Object.keys(object)) {
      const field: unknown = (object as Record<string, unknown>)[name];
      // Like JSON, an undefined property is simply absent.
      if (field === undefined) continue;
      defineKey(copy, checkString(name, path), walk(field, childPath(path, name), ancestors, name));
    }
    result = Object.freeze(copy);
  }
  ancestors.pop();
  return result;
}

/**
 * Turns `value` into the exact JSON data every store hands back: `Date` as its ISO string, `bigint` as a
 * decimal string, `toJSON()` applied; deeply frozen. Returns the same object again for data it made.
 *
 * @param path - Where the value sits, used in errors, e.g. `data`.
 * @throws {@link SerializationError} naming the path of a value JSON cannot round-trip.
 */
export function normalizeJson(value: unknown, path = 'data'): JsonValue {
  const result = walk(value, path, [], '');
  if (typeof result === 'object' && result !== null) normalizedRoots.add(result);
  return result;
}

/** Encodes `value` as JSON text after {@link normalizeJson}'s checks. */
export function encodeJson(value: unknown, path = 'data'): string {
  return JSON.stringify(normalizeJson(value, path));
}

/** Deeply freezes a JSON value in place and returns it. */
export function deepFreezeJson<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const key of Object.keys(value)) deepFreezeJson((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

/**
 * Parses JSON text written by {@link encodeJson} into deeply frozen data. `__proto__` keys stay own data
 * properties (as `JSON.parse` makes them), so they never reach a prototype.
 *
 * @throws {@link SerializationError} when the text is not JSON.
 */
export function decodeJson(text: string, path = 'data'): JsonValue {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SerializationError(path, 'is not valid JSON text', { cause: error });
  }
  const frozen = deepFreezeJson(parsed) as JsonValue;
  if (typeof frozen === 'object' && frozen !== null) normalizedRoots.add(frozen);
  return frozen;
}

/** The number of UTF-8 bytes of `value`'s JSON encoding. */
export function encodedByteLength(value: JsonValue): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}
