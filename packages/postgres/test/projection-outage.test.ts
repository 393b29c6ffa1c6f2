// The database goes away in the middle of a projection's batch and comes back: the runner reports
// unhealthy, backs off, and resumes from its last committed checkpoint, applying no event twice in the
// PostgreSQL read model (issue 7, "Bad input and faults"; reliability.md §6.6 #80).
import { ProjectionRunner, StoreUnavailableError } from '@orchestrix/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgreSQLEventStore } from '../src/index';
import { AmountAdded, createRunningTotalsTables, runningTotals } from './support/running-totals';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';
import { dropSchema, TEST_DATABASE_URL, testPool, uniqueSchemaName } from './support/test-database';

const EVENTS = 200;
const RUNNER = 'outage-runner';

const admin = testPool(3);
const schema = uniqueSchemaName('outage');
const writer = new PostgreSQLEventStore({ pool: admin, schema });
let proxy: TcpProxy;
let store: PostgreSQLEventStore;

beforeAll(async () => {
  await writer.initialize();
  await admin.query(createRunningTotalsTables(schema, { totals: 'totals', log: 'applied_log' }));
  const database = new URL(TEST_DATABASE_URL);
  proxy = await startTcpProxy({ host: database.hostname, port: Number(database.port || 5432) });
  const viaProxy = new URL(TEST_DATABASE_URL);
  viaProxy.host = `127.0.0.1:${proxy.port}`;
  viaProxy.searchParams.set('application_name', RUNNER);
  store = new PostgreSQLEventStore({
    connectionString: viaProxy.toString(),
    schema,
    poolMax: 3,
    connectTimeoutMs: 1000,
  });
  await store.initialize({ migrate: false });
});

afterAll(async () => {
  await store.close();
  await proxy.close();
  await dropSchema(admin, schema);
  await admin.end();
});

async function until(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('a projection runner whose database goes away mid-batch', () => {
  it('backs off unhealthy and resumes from its checkpoint, applying every event once', async () => {
    let head = 0n;
    for (let index = 0; index < EVENTS / 10; index += 1) {
      const events = Array.from({ length: 10 }, () => AmountAdded({ amount: index + 1 }));
      head = (await writer.save(`account-${index % 7}`, events)).lastPosition;
    }
    const runner = new ProjectionRunner({
      source: store,
      checkpoints: store.checkpoints(),
      projections: [
        runningTotals(
          'running_totals',
          schema,
          { totals: 'totals', log: 'applied_log' },
          {
            instance: RUNNER,
            perEventDelayMs: 3,
          },
        ),
      ],
      pollIntervalMs: 100,
    });
    await runner.start();

    // Cut the database off while a batch's transaction is open and has written.
    await until(
      'a batch in flight',
      async () =>
        ((
          await admin.query('select 1 from pg_stat_activity where application_name = $1 and backend_xid is not null', [
            RUNNER,
          ])
        ).rowCount ?? 0) > 0,
      10_000,
    );
    proxy.refuse();
    await until('the runner to report unhealthy', async () => !(await runner.health('running_totals')).healthy, 10_000);
    const down = await runner.health('running_totals');
    expect(down.lastError).toBeInstanceOf(StoreUnavailableError);
    expect((down.lastError as StoreUnavailableError).retryable).toBe(true);
    const checkpointWhileDown = await writer.checkpoints().load('running_totals');
    expect(checkpointWhileDown).toBeLessThan(head);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await writer.checkpoints().load('running_totals')).toBe(checkpointWhileDown);

    proxy.forward();
    await runner.waitFor(head, { timeoutMs: 30_000 });
    expect(await runner.health('running_totals')).toMatchObject({ healthy: true, position: head });
    await runner.stop();

    const doubled = await admin.query(
      `select event_id from "${schema}".applied_log group by event_id having count(*) > 1`,
    );
    const logged = await admin.query(`select count(*)::int as count from "${schema}".applied_log`);
    const totals = await admin.query<{ total: string; events: number }>(
      `select total::text, events from "${schema}".totals`,
    );
    expect(doubled.rows).toEqual([]);
    expect(logged.rows[0].count).toBe(EVENTS);
    expect(totals.rows.reduce((sum, row) => sum + Number(row.total), 0)).toBe(
      Array.from({ length: EVENTS / 10 }, (_, index) => 10 * (index + 1)).reduce((a, b) => a + b, 0),
    );
    expect(totals.rows.reduce((sum, row) => sum + row.events, 0)).toBe(EVENTS);
  }, 60_000);
});
