import type pg from 'pg';

/** The channel `append_events` notifies for `schema` (see `appendChannel`). */
function channelOf(schema: string): string {
  return `orchestrix_${schema}`.slice(0, 63);
}

/**
 * Terminates the LISTEN connections of `schema`'s stores (found by the application name the store sets and
 * the channel in their last statement) and returns how many it ended.
 */
export async function terminateListeners(admin: pg.Pool, schema: string): Promise<number> {
  const result = await admin.query<{ terminated: boolean }>(
    `select pg_terminate_backend(pid) as terminated from pg_stat_activity
     where application_name = 'orchestrix-listen' and query = $1`,
    [`listen "${channelOf(schema)}"`],
  );
  return result.rows.filter((row) => row.terminated).length;
}

/** The number of LISTEN connections open on `schema`'s channel. */
export async function countListeners(admin: pg.Pool, schema: string): Promise<number> {
  const result = await admin.query(
    `select 1 from pg_stat_activity where application_name = 'orchestrix-listen' and query = $1`,
    [`listen "${channelOf(schema)}"`],
  );
  return result.rowCount ?? 0;
}

/** Resolves once `schema` has a LISTEN connection again, or rejects after `timeoutMs`. */
export async function waitForListener(admin: pg.Pool, schema: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await admin.query(
      `select 1 from pg_stat_activity where application_name = 'orchestrix-listen' and query = $1`,
      [`listen "${channelOf(schema)}"`],
    );
    if (result.rowCount !== null && result.rowCount > 0) return;
    if (Date.now() > deadline) throw new Error(`no LISTEN connection on "${schema}" after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
