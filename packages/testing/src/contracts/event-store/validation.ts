import {
  type EventStore,
  type ExpectedVersion,
  MAX_APPEND_BYTES,
  MAX_EVENTS_PER_APPEND,
  SerializationError,
  ValidationError,
} from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { catchError } from '../../internal/catch-error';
import { handBuiltEvent, ItemAdded, itemsAdded } from './contract-events';

function cyclicData(): unknown {
  const data: Record<string, unknown> = { sku: 'sku-1' };
  data.self = data;
  return data;
}

/** Data JSON cannot round-trip, with where the codec must say the problem is (relative to `data`). */
const UNSERIALISABLE: readonly (readonly [string, () => unknown, string])[] = [
  ['NaN', () => ({ price: Number.NaN }), '.price'],
  ['a Map', () => ({ lines: new Map([['a', 1]]) }), '.lines'],
  ['a function', () => ({ total: () => 3 }), '.total'],
  ['a cycle', cyclicData, '.self'],
  ['undefined inside an array', () => ({ lines: ['a', undefined] }), '.lines[1]'],
  ['a \\u0000 character', () => ({ note: 'a\u0000b' }), '.note'],
  ['a lone surrogate', () => ({ note: 'a\uD800b' }), '.note'],
];

const INVALID_EXPECTED_VERSIONS: readonly (readonly [string, unknown])[] = [
  ['-1', -1],
  ['1.5', 1.5],
  ['NaN', Number.NaN],
  ["'3'", '3'],
];

const INVALID_STREAM_IDS: readonly (readonly [string, string])[] = [
  ['an empty id', ''],
  ['an id of 201 characters', 'c'.repeat(201)],
  ['an id holding a control character', 'cart\n1'],
];

async function expectRejectedWithNothingWritten(
  store: EventStore,
  operation: () => Promise<unknown>,
): Promise<unknown> {
  const error = await catchError(operation);
  expect(await store.readAll()).toEqual([]);
  return error;
}

/** Registers the tests of what `save` refuses before writing: limits, stream ids, expected versions, data. */
export function describeValidation(store: () => EventStore): void {
  describe('validation', () => {
    it(`refuses an append of ${MAX_EVENTS_PER_APPEND + 1} events with ValidationError, writing nothing`, async () => {
      const events = itemsAdded(MAX_EVENTS_PER_APPEND + 1);

      const error = await expectRejectedWithNothingWritten(store(), () => store().save('cart-1', events));

      expect(error).toBeInstanceOf(ValidationError);
    });

    it('refuses an append of more than 16 MiB of encoded data with ValidationError, writing nothing', async () => {
      const events = [ItemAdded({ sku: 'x'.repeat(MAX_APPEND_BYTES), quantity: 1 })];

      const error = await expectRejectedWithNothingWritten(store(), () => store().save('cart-1', events));

      expect(error).toBeInstanceOf(ValidationError);
    });

    it('accepts a stream id of 200 characters', async () => {
      const result = await store().save('c'.repeat(200), itemsAdded(1));

      expect(result.nextExpectedVersion).toBe(1);
    });

    it.each(INVALID_STREAM_IDS)('refuses %s with ValidationError, writing nothing', async (_, streamId) => {
      const error = await expectRejectedWithNothingWritten(store(), () => store().save(streamId, itemsAdded(1)));

      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toMatchObject({ code: 'VALIDATION', field: 'streamId' });
    });

    it.each(INVALID_EXPECTED_VERSIONS)(
      'refuses expected version %s with ValidationError, writing nothing',
      async (_, expectedVersion) => {
        const error = await expectRejectedWithNothingWritten(store(), () =>
          store().save('cart-1', itemsAdded(1), expectedVersion as ExpectedVersion),
        );

        expect(error).toBeInstanceOf(ValidationError);
      },
    );

    it.each(UNSERIALISABLE)(
      'refuses data holding %s with SerializationError naming its path, writing nothing',
      async (_, makeData, pathSuffix) => {
        const events = [...itemsAdded(1), handBuiltEvent(makeData())];

        const error = await expectRejectedWithNothingWritten(store(), () => store().save('cart-1', events));

        expect(error).toBeInstanceOf(SerializationError);
        expect((error as SerializationError).path.endsWith(`data${pathSuffix}`)).toBe(true);
      },
    );
  });
}
