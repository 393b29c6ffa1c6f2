// A process for terminated-connection.test.ts, run as `node --import tsx terminated-retry-child.ts <url>
// <schema> <stream>`: it blocks an append on the stream's lock, has the server terminate that append's
// backend, retries the append the moment it rejects, and reports over IPC what both calls did. A process
// that an unhandled 'error' event kills exits without reporting.
import { defineEvent, payload } from '@orchestrix/core';
import pg from 'pg';
import { PostgreSQLEventStore } from '../../src/index';
import { blockedAppends, holdStreamLock } from './stream-lock';

/** What the child reports: each call's error class and `retryable`, or the retry's next version. */
export interface RetryReport {
  readonly first: { readonly name: string; readonly retryable: boolean } | 'saved';
  readonly retry: { readonly name: string; readonly retryable: boolean } | { readonly nextExpectedVersion: number };
}

const ItemAdded = defineEvent('ItemAdded', payload<{ sku: string }>());

const outcome = (error: unknown): { name: string; retryable: boolean } => ({
  name: (error as Error).name,
  retryable: (error as { retryable?: boolean }).retryable === true,
});

async function main(): Promise<void> {
  const [connectionString, schema, streamId] = process.argv.slice(2);
  if (connectionString === undefined || schema === undefined || streamId === undefined) {
    throw new Error('usage: terminated-retry-child <connection string> <schema> <stream id>');
  }
  const admin = new pg.Pool({ connectionString, max: 1 });
  const store = new PostgreSQLEventStore({ connectionString, schema, poolMin: 0, poolMax: 2 });
  await store.initialize({ migrate: false });
  const events = ['a', 'b'].map((sku) => ItemAdded({ sku }));
  const lock = await holdStreamLock(streamId);
  let retrying: Promise<RetryReport['retry']> | undefined;
  const first = store.save(streamId, events, 0).then(
    () => 'saved' as const,
    (error: unknown) => {
      // Retry the moment the append rejects, before the pool can notice the connection is gone.
      retrying = store.save(streamId, events, 0).then(
        (result) => ({ nextExpectedVersion: result.nextExpectedVersion }),
        (retryError: unknown) => outcome(retryError),
      );
      return outcome(error);
    },
  );
  const [pid] = await blockedAppends(admin, schema, 1);
  await admin.query('select pg_terminate_backend($1)', [pid]);
  const firstOutcome = await first;
  await lock.release();
  const retry = (await retrying) ?? { name: 'none', retryable: false };
  await Promise.all([store.close(), admin.end()]);
  const report: RetryReport = { first: firstOutcome, retry };
  process.send?.(report, undefined, {}, () => process.exit(0));
}

main().catch((error: unknown) => {
  process.stderr.write(`terminated-retry-child failed: ${String(error)}\n`);
  process.exit(2);
});
