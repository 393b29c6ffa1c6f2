import { SerializationError } from '../errors/serialization-error';
import type { JsonValue } from './json-value';

const MAX_DEPTH = 100;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
// Each normalised tree's root carries, as a hidden property, an upper bound of its encoded size (a UTF-16
// unit never takes more than 6 JSON bytes). It marks the tree as checked, so stores pass it through.
const BYTE_BOUND: unique symbol = Symbol('orchestrix.encodedByteBound');

function boundOf(value: object): number | undefined {
  return (value as { [BYTE_BOUND]?: number })[BYTE_BOUND];
}

function markChecked(value: object, bytes: number): void {
  Object.defineProperty(value, BYTE_BOUND, { value: bytes });
}

type WellFormedString = string & { isWellFormed(): boolean };
type PathSegment = string | number;

/** Walk state: the path is kept as segments and only turned into text for an error. */
interface Walk {
  root: string;
  readonly segments: PathSegment[];
  readonly ancestors: object[];
  bytes: number;
}

let idleWalk: Walk | undefined;

function pathOf(walk: Walk, last?: PathSegment): string {
  let path = walk.root;
  const segments = last === undefined ? walk.segments : [...walk.segments, last];
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else path += IDENTIFIER.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`;
  }
  return path;
}

function fail(walk: Walk, problem: string, last?: PathSegment): never {
  throw new SerializationError(pathOf(walk, last), problem);
}

function checkString(walk: Walk, value: string): string {
  if (value.includes('\u0000')) fail(walk, 'holds a \\u0000 character, which PostgreSQL jsonb rejects');
  if (!(value as WellFormedString).isWellFormed()) fail(walk, 'holds a lone UTF-16 surrogate');
  walk.bytes += 6 * value.length + 2;
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

function walkArray(walk: Walk, array: readonly unknown[]): JsonValue[] {
  const copy: JsonValue[] = new Array(array.length);
  walk.bytes += 2 + array.length;
  for (let index = 0; index < array.length; index += 1) {
    const item: unknown = array[index];
    if (item === undefined) fail(walk, 'is undefined inside an array', index);
    walk.segments.push(index);
    copy[index] = walkValue(walk, item, String(index));
    walk.segments.pop();
  }
  return copy;
}

function walkObject(walk: Walk, object: object): Record<string, JsonValue> {
  const prototype = Object.getPrototypeOf(object);
  if (prototype !== Object.prototype && prototype !== null) {
    fail(walk, `is an instance of ${describe(object)} without toJSON()`);
  }
  const copy: Record<string, JsonValue> = {};
  walk.bytes += 2;
  for (const name of Object.keys(object)) {
    const field: unknown = (object as Record<string, unknown>)[name];
    // Like JSON, an undefined property is simply absent.
    if (field === undefined) continue;
    walk.segments.push(name);
    checkString(walk, name);
    walk.bytes += 2;
    defineKey(copy, name, walkValue(walk, field, name));
    walk.segments.pop();
  }
  return copy;
}

function walkValue(walk: Walk, value: unknown, key: string): JsonValue {
  switch (typeof value) {
    case 'string':
      return checkString(walk, value);
    case 'number':
      if (!Number.isFinite(value)) fail(walk, `is ${String(value)}, which JSON cannot hold`);
      walk.bytes += 24;
      return value === 0 ? 0 : value;
    case 'boolean':
      walk.bytes += 5;
      return value;
    case 'bigint':
      return checkString(walk, value.toString());
    case 'undefined':
      return fail(walk, 'is undefined');
    case 'function':
      return fail(walk, 'is a function');
    case 'symbol':
      return fail(walk, 'is a symbol');
  }
  if (value === null) {
    walk.bytes += 4;
    return null;
  }
  const object = value as object;
  const bound = boundOf(object);
  if (bound !== undefined) {
    walk.bytes += bound;
    return object as JsonValue;
  }
  if (walk.ancestors.includes(object)) fail(walk, 'refers back to itself (a cycle)');
  if (walk.ancestors.length >= MAX_DEPTH) fail(walk, `is nested deeper than ${MAX_DEPTH} levels`);
  if (object instanceof Date) {
    if (Number.isNaN(object.getTime())) fail(walk, 'is an invalid Date');
    return checkString(walk, object.toISOString());
  }
  walk.ancestors.push(object);
  const toJSON = (object as { toJSON?: unknown }).toJSON;
  let result: JsonValue;
  if (typeof toJSON === 'function') {
    result = walkValue(walk, toJSON.call(object, key), key);
  } else {
    const copy = Array.isArray(object) ? walkArray(walk, object) : walkObject(walk, object);
    // Only the root carries the mark; a nested part reused elsewhere is simply checked again.
    if (walk.ancestors.length === 1) markChecked(copy, walk.bytes);
    result = Object.freeze(copy);
  }
  walk.ancestors.pop();
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
  if (typeof value === 'object' && value !== null && boundOf(value) !== undefined) return value as JsonValue;
  // Reuse one walk state; a toJSON() that calls normalizeJson again gets a fresh one.
  const walk = idleWalk ?? { root: path, segments: [], ancestors: [], bytes: 0 };
  idleWalk = undefined;
  walk.root = path;
  walk.bytes = 0;
  try {
    return walkValue(walk, value, '');
  } finally {
    walk.segments.length = 0;
    walk.ancestors.length = 0;
    idleWalk = walk;
  }
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

function checkParsed(walk: Walk, value: unknown): void {
  if (typeof value === 'string') {
    checkString(walk, value);
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail(walk, `is ${String(value)}, which JSON cannot hold`);
  } else if (typeof value === 'object' && value !== null) {
    if (walk.segments.length >= MAX_DEPTH) fail(walk, `is nested deeper than ${MAX_DEPTH} levels`);
    const isArray = Array.isArray(value);
    for (const key of Object.keys(value)) {
      const segment = isArray ? Number(key) : key;
      walk.segments.push(segment);
      if (!isArray) checkString(walk, key);
      checkParsed(walk, (value as Record<string, unknown>)[key]);
      walk.segments.pop();
    }
    Object.freeze(value);
  }
}

/**
 * Parses JSON text (as a store reads it back) into deeply frozen data, with the same checks as
 * {@link normalizeJson}: no `\u0000`, no lone surrogate, no number beyond a double. `__proto__` keys stay
 * own data properties (as `JSON.parse` makes them), so they never reach a prototype.
 *
 * @throws {@link SerializationError} naming the path of what cannot be decoded.
 */
export function decodeJson(text: string, path = 'data'): JsonValue {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SerializationError(path, 'is not valid JSON text', { cause: error });
  }
  // Mark before the check freezes it; a tree that fails the check is thrown away.
  if (typeof parsed === 'object' && parsed !== null) markChecked(parsed, 6 * text.length);
  checkParsed({ root: path, segments: [], ancestors: [], bytes: 0 }, parsed);
  return parsed as JsonValue;
}

/** The number of UTF-8 bytes of `value`'s JSON encoding. */
export function encodedByteLength(value: JsonValue): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/**
 * An upper bound of `value`'s encoded size in bytes, free for data that {@link normalizeJson} made; lets
 * a store skip encoding when an append is far below its size limit.
 */
export function encodedByteBound(value: JsonValue): number {
  if (typeof value === 'object' && value !== null) {
    const bound = boundOf(value);
    if (bound !== undefined) return bound;
  }
  return 6 * JSON.stringify(value).length;
}
