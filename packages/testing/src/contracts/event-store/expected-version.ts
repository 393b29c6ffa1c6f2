import { ConcurrencyError, type EventStore, type ExpectedVersion } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { catchError } from '../../internal/catch-error';
import { itemsAdded } from './contract-events';

async function expectConflict(
  store: EventStore,
  streamId: string,
  expectedVersion: ExpectedVersion,
  actualVersion: number,
): Promise<void> {
  const eventsBefore = await store.readAll();

  const error = await catchError(() => store.save(streamId, itemsAdded(1, {}, 100), expectedVersion));

  expect(error).toBeInstanceOf(ConcurrencyError);
  expect(error).toMatchObject({ code: 'CONCURRENCY', streamId, expectedVersion, actualVersion });
  expect(await store.streamVersion(streamId)).toBe(actualVersion);
  expect(await store.readAll()).toEqual(eventsBefore);
}

/** Registers the tests of the four expected-version modes and of empty appends. */
export function describeExpectedVersion(store: () => EventStore): void {
  describe('expected version', () => {
    it("appends when the expected version is the stream's version", async () => {
      await store().save('cart-1', itemsAdded(2));

      const result = await store().save('cart-1', itemsAdded(1, {}, 3), 2);

      expect(result.nextExpectedVersion).toBe(3);
    });

    it('creates a stream when the expected version is 0', async () => {
      const result = await store().save('cart-1', itemsAdded(2), 0);

      expect(result.nextExpectedVersion).toBe(2);
    });

    it('refuses expected version 0 for a stream that exists, with ConcurrencyError, writing nothing', async () => {
      await store().save('cart-1', itemsAdded(2));

      await expectConflict(store(), 'cart-1', 0, 2);
    });

    it('refuses a stale expected version with ConcurrencyError, writing nothing', async () => {
      await store().save('cart-1', itemsAdded(3));

      await expectConflict(store(), 'cart-1', 2, 3);
    });

    it('refuses an expected version ahead of the stream with ConcurrencyError, writing nothing', async () => {
      await store().save('cart-1', itemsAdded(1));

      await expectConflict(store(), 'cart-1', 5, 1);
    });

    it("accepts 'no_stream' for a new stream", async () => {
      const result = await store().save('cart-1', itemsAdded(1), 'no_stream');

      expect(result.nextExpectedVersion).toBe(1);
    });

    it("refuses 'no_stream' for a stream that exists, with ConcurrencyError, writing nothing", async () => {
      await store().save('cart-1', itemsAdded(1));

      await expectConflict(store(), 'cart-1', 'no_stream', 1);
    });

    it("accepts 'stream_exists' for a stream that exists", async () => {
      await store().save('cart-1', itemsAdded(1));

      const result = await store().save('cart-1', itemsAdded(1, {}, 2), 'stream_exists');

      expect(result.nextExpectedVersion).toBe(2);
    });

    it("refuses 'stream_exists' for a new stream, with ConcurrencyError, writing nothing", async () => {
      await expectConflict(store(), 'cart-1', 'stream_exists', 0);
    });

    it("appends whatever the stream's version when the expected version is 'any' or omitted", async () => {
      await store().save('cart-1', itemsAdded(1), 'any');
      await store().save('cart-1', itemsAdded(1, {}, 2));

      const result = await store().save('cart-1', itemsAdded(1, {}, 3), 'any');

      expect(result.nextExpectedVersion).toBe(3);
    });

    it('treats an empty append as a no-op that reports the stream version and last position', async () => {
      const written = await store().save('cart-1', itemsAdded(2));

      const result = await store().save('cart-1', [], 2);

      expect(result.nextExpectedVersion).toBe(2);
      expect(result.lastPosition).toBe(written.lastPosition);
      expect(await store().streamVersion('cart-1')).toBe(2);
    });

    it('reports version 0 and position 0n for an empty append to a new stream, creating nothing', async () => {
      const result = await store().save('cart-1', [], 0);

      expect(result.nextExpectedVersion).toBe(0);
      expect(result.lastPosition).toBe(0n);
      expect(await store().readAll()).toEqual([]);
    });

    it('still checks a numeric expected version on an empty append', async () => {
      await store().save('cart-1', itemsAdded(2));

      const error = await catchError(() => store().save('cart-1', [], 5));

      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({ streamId: 'cart-1', expectedVersion: 5, actualVersion: 2 });
    });
  });
}
