import { DuplicateEventError, type EventStore, type ExpectedVersion } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { catchError } from '../../internal/catch-error';
import { itemsAdded } from './contract-events';

const RETRY_EXPECTATIONS: readonly ExpectedVersion[] = [0, 1, 2, 7, 'no_stream', 'stream_exists', 'any'];

async function expectDuplicate(store: EventStore, operation: () => Promise<unknown>): Promise<void> {
  const eventsBefore = await store.readAll();

  const error = await catchError(operation);

  expect(error).toBeInstanceOf(DuplicateEventError);
  expect(error).toMatchObject({ code: 'DUPLICATE_EVENT' });
  expect(await store.readAll()).toEqual(eventsBefore);
}

/** Registers the tests of idempotent appends: retries return the original result, other reuse fails. */
export function describeIdempotentAppend(store: () => EventStore): void {
  describe('idempotent append', () => {
    it.each(RETRY_EXPECTATIONS.map((expectedVersion) => [String(expectedVersion), expectedVersion] as const))(
      'returns the original result and writes nothing for a retried append with expected version %s',
      async (_, expectedVersion) => {
        const events = itemsAdded(2);
        const original = await store().save('cart-1', events, 0);

        const retried = await store().save('cart-1', events, expectedVersion);

        expect(retried).toEqual(original);
        expect(await store().streamVersion('cart-1')).toBe(2);
        expect(await store().readAll()).toHaveLength(2);
      },
    );

    it('returns the original result for a retry of an append that later appends followed', async () => {
      const events = itemsAdded(2);
      const original = await store().save('cart-1', events);
      await store().save('cart-1', itemsAdded(1, {}, 3));

      const retried = await store().save('cart-1', events, 0);

      expect(retried).toEqual(original);
      expect(await store().streamVersion('cart-1')).toBe(3);
    });

    it('refuses a partial overlap with a stored append with DuplicateEventError, writing nothing', async () => {
      const events = itemsAdded(2);
      await store().save('cart-1', events);
      const overlapping = [events[1], ...itemsAdded(1, {}, 3)].filter((event) => event !== undefined);

      await expectDuplicate(store(), () => store().save('cart-1', overlapping));
    });

    it('refuses stored events sent in another order with DuplicateEventError, writing nothing', async () => {
      const events = itemsAdded(2);
      await store().save('cart-1', events);

      await expectDuplicate(store(), () => store().save('cart-1', [...events].reverse()));
    });

    it('refuses stored events appended to another stream with DuplicateEventError, writing nothing', async () => {
      const events = itemsAdded(2);
      await store().save('cart-1', events);

      await expectDuplicate(store(), () => store().save('cart-2', events));
    });

    it('refuses one event id twice in one append with DuplicateEventError, writing nothing', async () => {
      const [event] = itemsAdded(1);
      if (event === undefined) throw new Error('itemsAdded(1) made no event');

      await expectDuplicate(store(), () => store().save('cart-1', [event, event]));
    });

    it('checks event ids before the expected version', async () => {
      const events = itemsAdded(1);
      await store().save('cart-1', events);

      await expectDuplicate(store(), () => store().save('cart-2', events, 5));
    });
  });
}
