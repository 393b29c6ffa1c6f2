import { describe, expect, it } from 'vitest';
import { SerializationError } from './serialization-error';

describe('SerializationError', () => {
  it('holds the path of the value', () => {
    const error = new SerializationError('data.items[3].price', 'is NaN');

    expect(error).toMatchObject({ code: 'SERIALIZATION', path: 'data.items[3].price' });
  });

  it('keeps the cause it is given', () => {
    const cause = new SyntaxError('Unexpected end of JSON input');

    const error = new SerializationError('data', 'is not valid JSON text', { cause });

    expect(error.cause).toBe(cause);
  });
});
