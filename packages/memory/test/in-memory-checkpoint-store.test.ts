import { ConcurrencyError, ValidationError } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { InMemoryCheckpointStore } from '../src/checkpoints/in-memory-checkpoint-store';
import { FakeClock } from './fake-clock';

describe('InMemoryCheckpointStore', () => {
  it('loads 0n for a name never stored', async () => {
    const store = new InMemoryCheckpointStore();

    expect(await store.load('order-summary')).toBe(0n);
  });

  it('stores a position when the expected one is current', async () => {
    const store = new InMemoryCheckpointStore();

    await store.store('order-summary', 42n, 0n);
    await store.store('order-summary', 50n, 42n);

    expect(await store.load('order-summary')).toBe(50n);
    expect(await store.load('invoice-list')).toBe(0n);
  });

  it('refuses a stale expected position with ConcurrencyError and keeps the stored one', async () => {
    const store = new InMemoryCheckpointStore();
    await store.store('order-summary', 42n, 0n);

    const storing = store.store('order-summary', 60n, 10n);

    await expect(storing).rejects.toThrowError(ConcurrencyError);
    await expect(storing).rejects.toMatchObject({
      code: 'CONCURRENCY',
      streamId: 'order-summary',
      expectedVersion: 10n,
      actualVersion: 42n,
      subject: 'checkpoint',
    });
    expect(await store.load('order-summary')).toBe(42n);
  });

  it('lets exactly one of two runners with the same expected position win', async () => {
    const store = new InMemoryCheckpointStore();

    const results = await Promise.allSettled([
      store.store('order-summary', 5n, 0n),
      store.store('order-summary', 7n, 0n),
    ]);

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((result) => result.status === 'rejected')?.reason).toBeInstanceOf(ConcurrencyError);
  });

  it('sets a checkpoint back to 0n for a rebuild', async () => {
    const store = new InMemoryCheckpointStore();
    await store.store('order-summary', 42n, 0n);

    await store.store('order-summary', 0n, 42n);

    expect(await store.load('order-summary')).toBe(0n);
  });

  it('rejects a negative position and an empty name with ValidationError', async () => {
    const store = new InMemoryCheckpointStore();

    await expect(store.store('order-summary', -1n, 0n)).rejects.toMatchObject({ field: 'position' });
    await expect(store.load('')).rejects.toThrowError(ValidationError);
  });

  it('gives a free lease to the first owner, with fencing token 1 and an expiry from the clock', async () => {
    const clock = new FakeClock('2024-05-01T12:00:00.000Z');
    const store = new InMemoryCheckpointStore({ clock });

    const lease = await store.acquireLease('order-summary', 'runner-a', 30_000);

    expect(lease).toEqual({
      name: 'order-summary',
      owner: 'runner-a',
      fencingToken: 1,
      expiresAt: '2024-05-01T12:00:30.000Z',
    });
    expect(Object.isFrozen(lease)).toBe(true);
  });

  it('refuses the lease to another owner until it expires', async () => {
    const clock = new FakeClock();
    const store = new InMemoryCheckpointStore({ clock });
    await store.acquireLease('order-summary', 'runner-a', 30_000);
    clock.advance(29_999);

    const refused = await store.acquireLease('order-summary', 'runner-b', 30_000);
    clock.advance(1);
    const taken = await store.acquireLease('order-summary', 'runner-b', 30_000);

    expect(refused).toBeUndefined();
    expect(taken).toMatchObject({ owner: 'runner-b', fencingToken: 2 });
  });

  it('renews the lease of its holder, keeping the fencing token', async () => {
    const clock = new FakeClock('2024-05-01T12:00:00.000Z');
    const store = new InMemoryCheckpointStore({ clock });
    await store.acquireLease('order-summary', 'runner-a', 30_000);
    clock.advance(20_000);

    const renewed = await store.acquireLease('order-summary', 'runner-a', 30_000);

    expect(renewed).toMatchObject({ fencingToken: 1, expiresAt: '2024-05-01T12:00:50.000Z' });
  });

  it('lets another owner take a released lease with a higher fencing token', async () => {
    const store = new InMemoryCheckpointStore({ clock: new FakeClock() });
    await store.acquireLease('order-summary', 'runner-a', 30_000);

    await store.releaseLease('order-summary', 'runner-a');
    const taken = await store.acquireLease('order-summary', 'runner-b', 30_000);

    expect(taken).toMatchObject({ owner: 'runner-b', fencingToken: 2 });
  });

  it('ignores a release by an owner that does not hold the lease', async () => {
    const store = new InMemoryCheckpointStore({ clock: new FakeClock() });
    await store.acquireLease('order-summary', 'runner-a', 30_000);

    await store.releaseLease('order-summary', 'runner-b');

    expect(await store.acquireLease('order-summary', 'runner-b', 30_000)).toBeUndefined();
  });

  it('keeps leases of different names apart', async () => {
    const store = new InMemoryCheckpointStore({ clock: new FakeClock() });
    await store.acquireLease('order-summary', 'runner-a', 30_000);

    const other = await store.acquireLease('invoice-list', 'runner-b', 30_000);

    expect(other).toMatchObject({ owner: 'runner-b', fencingToken: 1 });
  });

  it('rejects a lease duration that is not positive', async () => {
    const store = new InMemoryCheckpointStore();

    await expect(store.acquireLease('order-summary', 'runner-a', 0)).rejects.toMatchObject({ field: 'leaseMs' });
  });
});
