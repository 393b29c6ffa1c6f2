// onAppend through LISTEN/NOTIFY: wake-ups across store instances, and a LISTEN connection that comes back
// after it is killed (SPEC §7; reliability.md §6.6 #71, #72).
import { defineEvent, getLogger, payload } from '@orchestrix/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgreSQLEventStore } from '../src/index';
import { countListeners, terminateListeners, waitForListener } from './support/listen-backend';
import { dropSchema, TEST_DATABASE_URL, testPool, uniqueSchemaName } from './support/test-database';

const ItemAdded = defineEvent('ItemAdded', payload<{ sku: string }>());

const admin = testPool(3);
const schema = uniqueSchemaName('notify');
const warnings: string[] = [];
let listening: PostgreSQLEventStore;
let writing: PostgreSQLEventStore;

/** Resolves with the time it took for `listener` to be called, or rejects after `timeoutMs`. */
function nextWakeUp(store: PostgreSQLEventStore, timeoutMs: number): { readonly woken: Promise<void> } {
  let unsubscribe = (): void => undefined;
  const woken = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no wake-up within ${timeoutMs} ms`)), timeoutMs);
    unsubscribe = store.onAppend(() => {
      clearTimeout(timer);
      resolve();
    });
  });
  return { woken: woken.finally(() => unsubscribe()) };
}

beforeAll(async () => {
  const logger = getLogger('orchestrix-test', { level: 'warn', write: (line) => warnings.push(line) });
  listening = new PostgreSQLEventStore({ connectionString: TEST_DATABASE_URL, schema, poolMax: 2, logger });
  writing = new PostgreSQLEventStore({ connectionString: TEST_DATABASE_URL, schema, poolMax: 2 });
  await listening.initialize();
  await writing.initialize();
});

afterAll(async () => {
  await Promise.all([listening.close(), writing.close()]);
  await dropSchema(admin, schema);
  await admin.end();
});

describe('PostgreSQLEventStore.onAppend', () => {
  it('wakes a listener within a second of an append committed by another store', async () => {
    const keepListening = listening.onAppend(() => undefined);
    await waitForListener(admin, schema);
    const wakeUp = nextWakeUp(listening, 1000);

    await writing.save('cart-1', [ItemAdded({ sku: 'A' })]);

    await expect(wakeUp.woken).resolves.toBeUndefined();
    keepListening();
  });

  it('reconnects a killed LISTEN connection and wakes listeners for later appends', async () => {
    let calls = 0;
    const stop = listening.onAppend(() => {
      calls += 1;
      throw new Error('a listener that throws is ignored');
    });
    await waitForListener(admin, schema);

    expect(await terminateListeners(admin, schema)).toBe(1);
    // A reconnect wakes listeners once, since appends may have committed while nothing listened.
    await expect.poll(() => calls, { timeout: 2000 }).toBeGreaterThan(0);
    const wakeUp = nextWakeUp(listening, 1000);
    await writing.save('cart-2', [ItemAdded({ sku: 'B' })]);

    await expect(wakeUp.woken).resolves.toBeUndefined();
    expect(warnings.some((line) => line.includes('LISTEN connection'))).toBe(true);
    stop();
  });

  it('wakes listeners of a schema whose name is too long for the channel prefix', async () => {
    const longSchema = `${uniqueSchemaName('notify')}_${'x'.repeat(40)}`.slice(0, 63);
    const store = new PostgreSQLEventStore({ connectionString: TEST_DATABASE_URL, schema: longSchema, poolMax: 2 });
    try {
      await store.initialize();
      const wakeUp = nextWakeUp(store, 1000);
      await expect.poll(() => countListeners(admin, longSchema), { timeout: 2000 }).toBe(1);

      await store.save('cart-3', [ItemAdded({ sku: 'C' })]);

      await expect(wakeUp.woken).resolves.toBeUndefined();
    } finally {
      await store.close();
      await dropSchema(admin, longSchema);
    }
  });

  it('ends the LISTEN connection when the last listener unsubscribes', async () => {
    const stop = listening.onAppend(() => undefined);
    await waitForListener(admin, schema);

    stop();

    await expect.poll(() => countListeners(admin, schema), { timeout: 2000 }).toBe(0);
  });
});
