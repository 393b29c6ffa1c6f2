import { describe, expect, it } from 'vitest';
import { SerializationError } from '../errors/serialization-error';
import { caughtError } from '../internal/caught-error';
import { decodeJson, normalizeJson } from './json-codec';

describe('decodeJson', () => {
  it('rejects text that is not JSON with a SerializationError at the given path', () => {
    const error = caughtError(() => decodeJson('{"orderId": ', 'state'));

    expect(error).toBeInstanceOf(SerializationError);
    expect(error).toMatchObject({ code: 'SERIALIZATION', path: 'state' });
    expect((error as SerializationError).cause).toBeInstanceOf(SyntaxError);
  });

  // SPEC §9: the codec rejects what PostgreSQL jsonb cannot hold, in every store alike. decodeJson marks
  // its result as already checked, so normalizeJson (and every factory and store) would pass it through.
  it.each([
    ['a \\u0000 character', '{"name": "a\\u0000b"}', 'data.name'],
    ['a lone surrogate', '{"name": "\\ud800"}', 'data.name'],
    ['a number too large for a double', '{"total": 1e400}', 'data.total'],
  ])('rejects decoded text holding %s', (_label, text, path) => {
    const error = caughtError(() => decodeJson(text));

    expect(error).toBeInstanceOf(SerializationError);
    expect(error).toMatchObject({ path });
  });

  it('hands normalizeJson checked data that it passes through as is', () => {
    const decoded = decodeJson('{"name": "a", "items": [1, 2]}');

    const normalized = normalizeJson(decoded);

    expect(normalized).toBe(decoded);
  });
});
