import pg from 'pg';
import { TEST_DATABASE_URL } from './test-database';

/** A connection of its own holding a stream's lock, the one `append_events` takes, until `release()`. */
export interface HeldStreamLock {
  /** The backend pid of the holding connection. */
  readonly pid: number;
  release(): Promise<void>;
}

/**
 * Takes the lock every append to `streamId` waits for (`pg_advisory_xact_lock` on the same key), as a
 * session lock on a separate connection, so appends to that stream block until `release()`.
 */
export async function holdStreamLock(streamId: string): Promise<HeldStreamLock> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, application_name: 'orx-test-lock-holder' });
  client.on('error', () => undefined);
  await client.connect();
  const result = await client.query<{ pid: number }>(
    `select pg_backend_pid() as pid, pg_advisory_lock(hashtextextended('orchestrix.stream:' || $1, 0))`,
    [streamId],
  );
  return {
    pid: (result.rows[0] as { pid: number }).pid,
    async release() {
      await client.end();
    },
  };
}

/**
 * Waits until `count` backends run an append of `schema` and wait for a lock, and returns their pids.
 *
 * @throws when they are not there within `timeoutMs`.
 */
export async function blockedAppends(
  pool: pg.Pool,
  schema: string,
  count: number,
  timeoutMs = 5000,
): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await pool.query<{ pid: number }>(
      `select pid from pg_stat_activity
       where wait_event_type = 'Lock' and state = 'active' and position($1 in query) > 0`,
      [`"${schema}"."append_events"`],
    );
    if (result.rows.length >= count) return result.rows.map((row) => row.pid);
    if (Date.now() > deadline) {
      throw new Error(`Only ${result.rows.length} of ${count} appends of "${schema}" were waiting for a lock.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
