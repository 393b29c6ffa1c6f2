import { ConcurrencyError, type SagaStateUpdate, SerializationError } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { InMemorySagaStateStore } from '../src/sagas/in-memory-saga-state-store';
import { FakeClock } from './fake-clock';

const RUNNING = ['pending', 'running', 'compensating'];

function update(sagaId: string, overrides: Partial<SagaStateUpdate> = {}): SagaStateUpdate {
  return { sagaId, sagaType: 'OrderSaga', status: 'running', state: { step: 'payment' }, ...overrides };
}

describe('InMemorySagaStateStore', () => {
  it('creates a saga at version 1 with expected version 0 and the time of the save', async () => {
    const store = new InMemorySagaStateStore({ clock: new FakeClock('2024-05-01T12:00:00.000Z') });

    const record = await store.save(update('saga-1'), 0);

    expect(record).toEqual({
      sagaId: 'saga-1',
      sagaType: 'OrderSaga',
      status: 'running',
      version: 1,
      state: { step: 'payment' },
      updatedAt: '2024-05-01T12:00:00.000Z',
    });
    expect(await store.load('saga-1')).toEqual(record);
  });

  it('returns undefined for a saga never saved', async () => {
    const store = new InMemorySagaStateStore();

    expect(await store.load('saga-404')).toBeUndefined();
  });

  it('raises the version by one with every save', async () => {
    const store = new InMemorySagaStateStore();
    await store.save(update('saga-1'), 0);

    const record = await store.save(update('saga-1', { status: 'completed' }), 1);

    expect(record).toMatchObject({ version: 2, status: 'completed' });
  });

  it('refuses a stale expected version with ConcurrencyError and keeps the stored record', async () => {
    const store = new InMemorySagaStateStore();
    const stored = await store.save(update('saga-1'), 0);

    const saving = store.save(update('saga-1', { status: 'failed' }), 0);

    await expect(saving).rejects.toThrowError(ConcurrencyError);
    await expect(saving).rejects.toMatchObject({ streamId: 'saga-1', expectedVersion: 0, actualVersion: 1 });
    expect(await store.load('saga-1')).toEqual(stored);
  });

  it('lets exactly one of two writers of the same version win', async () => {
    const store = new InMemorySagaStateStore();
    await store.save(update('saga-1'), 0);

    const results = await Promise.allSettled([
      store.save(update('saga-1', { status: 'completed' }), 1),
      store.save(update('saga-1', { status: 'compensating' }), 1),
    ]);

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((result) => result.status === 'rejected')?.reason).toBeInstanceOf(ConcurrencyError);
  });

  it('stores the state through the JSON codec, deeply frozen, in a frozen record', async () => {
    const store = new InMemorySagaStateStore();
    const state = { placedAt: new Date('2024-05-01T10:00:00.000Z'), amount: 10n, items: [{ sku: 'A' }] };

    const record = await store.save(update('saga-1', { state }), 0);

    expect(record.state).toEqual({ placedAt: '2024-05-01T10:00:00.000Z', amount: '10', items: [{ sku: 'A' }] });
    expect(Object.isFrozen(record)).toBe(true);
    expect(Object.isFrozen((record.state as { items: object[] }).items[0])).toBe(true);
  });

  it('rejects a state JSON cannot hold with SerializationError and stores nothing', async () => {
    const store = new InMemorySagaStateStore();

    const saving = store.save(update('saga-1', { state: { total: Number.NaN } }), 0);

    await expect(saving).rejects.toThrowError(SerializationError);
    await expect(saving).rejects.toMatchObject({ code: 'SERIALIZATION', path: 'state.total' });
    expect(await store.load('saga-1')).toBeUndefined();
  });

  it('keeps the lease when a save leaves it out, replaces it when given and releases it with null', async () => {
    const store = new InMemorySagaStateStore();
    const lease = { owner: 'worker-a', expiresAt: '2024-05-01T12:00:30.000Z' };
    await store.save(update('saga-1', { lease }), 0);

    const kept = await store.save(update('saga-1'), 1);
    const replaced = await store.save(update('saga-1', { lease: { ...lease, owner: 'worker-b' } }), 2);
    const released = await store.save(update('saga-1', { lease: null }), 3);

    expect(kept.lease).toEqual(lease);
    expect(replaced.lease?.owner).toBe('worker-b');
    expect(released).not.toHaveProperty('lease');
  });

  it('claims sagas in the given statuses whose lease is missing or expired, moving the version to fence the old holder', async () => {
    const clock = new FakeClock('2024-05-01T12:00:00.000Z');
    const store = new InMemorySagaStateStore({ clock });
    await store.save(update('no-lease'), 0);
    await store.save(update('expired', { lease: { owner: 'worker-a', expiresAt: '2024-05-01T12:00:00.000Z' } }), 0);
    await store.save(update('live', { lease: { owner: 'worker-a', expiresAt: '2024-05-01T12:00:00.001Z' } }), 0);
    await store.save(update('done', { status: 'completed' }), 0);

    const claimed = await store.claimExpired({ owner: 'worker-b', leaseMs: 30_000, statuses: RUNNING });

    expect(claimed.map((record) => record.sagaId)).toEqual(['no-lease', 'expired']);
    expect(claimed[0]).toMatchObject({
      version: 2,
      lease: { owner: 'worker-b', expiresAt: '2024-05-01T12:00:30.000Z' },
    });
    expect(await store.load('expired')).toEqual(claimed[1]);
  });

  it('claims only the given saga types, at most limit of them', async () => {
    const store = new InMemorySagaStateStore({ clock: new FakeClock() });
    await store.save(update('order-1'), 0);
    await store.save(update('refund-1', { sagaType: 'RefundSaga' }), 0);
    await store.save(update('order-2'), 0);

    const claimed = await store.claimExpired({
      owner: 'worker-b',
      leaseMs: 30_000,
      statuses: RUNNING,
      sagaTypes: ['OrderSaga'],
      limit: 1,
    });

    expect(claimed.map((record) => record.sagaId)).toEqual(['order-1']);
  });

  it('gives each saga to exactly one of several concurrent claimers', async () => {
    const store = new InMemorySagaStateStore({ clock: new FakeClock() });
    for (let index = 0; index < 10; index += 1) await store.save(update(`saga-${index}`), 0);

    const claims = await Promise.all(
      ['worker-a', 'worker-b', 'worker-c'].map((owner) =>
        store.claimExpired({ owner, leaseMs: 30_000, statuses: RUNNING, limit: 4 }),
      ),
    );

    const sagaIds = claims.flat().map((record) => record.sagaId);
    expect(sagaIds).toHaveLength(10);
    expect(new Set(sagaIds).size).toBe(10);
  });

  it('renews the lease of its holder and refuses anyone else', async () => {
    const clock = new FakeClock('2024-05-01T12:00:00.000Z');
    const store = new InMemorySagaStateStore({ clock });
    await store.save(update('saga-1', { lease: { owner: 'worker-a', expiresAt: '2024-05-01T12:00:10.000Z' } }), 0);
    clock.advance(5_000);

    const renewed = await store.renewLease('saga-1', 'worker-a', 30_000);
    const refused = await store.renewLease('saga-1', 'worker-b', 30_000);

    expect([renewed, refused]).toEqual([true, false]);
    expect((await store.load('saga-1'))?.lease).toEqual({ owner: 'worker-a', expiresAt: '2024-05-01T12:00:35.000Z' });
  });

  it('refuses to renew a lease another worker has claimed', async () => {
    const clock = new FakeClock('2024-05-01T12:00:00.000Z');
    const store = new InMemorySagaStateStore({ clock });
    await store.save(update('saga-1', { lease: { owner: 'worker-a', expiresAt: '2024-05-01T12:00:10.000Z' } }), 0);
    clock.advance(10_000);
    await store.claimExpired({ owner: 'worker-b', leaseMs: 30_000, statuses: RUNNING });

    expect(await store.renewLease('saga-1', 'worker-a', 30_000)).toBe(false);
  });

  it('lists sagas oldest update first, filtered by status and type, up to a limit', async () => {
    const clock = new FakeClock();
    const store = new InMemorySagaStateStore({ clock });
    await store.save(update('saga-1'), 0);
    await store.save(update('saga-2', { sagaType: 'RefundSaga' }), 0);
    await store.save(update('saga-3', { status: 'completed' }), 0);
    clock.advance(1_000);
    await store.save(update('saga-1'), 1);

    const all = await store.list();
    const running = await store.list({ statuses: ['running'] });
    const orders = await store.list({ sagaType: 'OrderSaga', limit: 1 });

    expect(all.map((record) => record.sagaId)).toEqual(['saga-2', 'saga-3', 'saga-1']);
    expect(running.map((record) => record.sagaId)).toEqual(['saga-2', 'saga-1']);
    expect(orders.map((record) => record.sagaId)).toEqual(['saga-3']);
  });
});
