import { DuplicateEventError, defineEvent, payload } from '@orchestrix/core';
import { InMemoryEventStore } from '@orchestrix/memory';
import { describe, expect, it } from 'vitest';

const NoteTaken = defineEvent('NoteTaken', payload<{ text: string }>());

describe('InMemoryEventStore', () => {
  it('recognises a retry of an older append after later appends with larger ids', async () => {
    const store = new InMemoryEventStore();
    const first = [NoteTaken({ text: 'a' }, { id: 'id-b' })];
    const original = await store.save('notes', first, 0);
    await store.save('notes', [NoteTaken({ text: 'b' }, { id: 'id-c' })], 1);

    const retried = await store.save('notes', first, 0);

    expect(retried).toEqual(original);
    expect(await store.streamVersion('notes')).toBe(2);
  });

  it('finds a stored id smaller than the newest one when another stream reuses it', async () => {
    const store = new InMemoryEventStore();
    await store.save('notes', [NoteTaken({ text: 'z' }, { id: 'id-z' })]);
    await store.save('notes', [NoteTaken({ text: 'm' }, { id: 'id-m' })]);

    const reuse = store.save('other', [NoteTaken({ text: 'm' }, { id: 'id-m' })]);

    await expect(reuse).rejects.toBeInstanceOf(DuplicateEventError);
    expect(await store.streamVersion('other')).toBe(0);
  });

  it('wakes append listeners with the last position and stops after unsubscribe', async () => {
    const store = new InMemoryEventStore();
    const positions: bigint[] = [];
    const stop = store.onAppend((position) => positions.push(position));

    await store.save('notes', [NoteTaken({ text: 'a' }), NoteTaken({ text: 'b' })]);
    stop();
    await store.save('notes', [NoteTaken({ text: 'c' })]);

    expect(positions).toEqual([2n]);
  });

  it('keeps an append that a throwing append listener cannot undo', async () => {
    const store = new InMemoryEventStore();
    store.onAppend(() => {
      throw new Error('listener failed');
    });

    await store.save('notes', [NoteTaken({ text: 'a' })]);

    expect(await store.streamVersion('notes')).toBe(1);
  });
});
