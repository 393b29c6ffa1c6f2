// A runner instance for projection-failover.test.ts, run as `node --import tsx projection-runner-child.ts
// <url> <schema> <instance id>`: it runs the running-totals projection with a short lease and tells its
// parent 'started' over IPC. Its connections carry the instance id as application_name, so the parent can
// see in pg_stat_activity when it is inside a batch's transaction. SIGTERM stops it cleanly.
import { ProjectionRunner } from '@orchestrix/core';
import { PostgreSQLEventStore } from '../../src/index';
import { CHILD_LEASE_MS, runningTotals } from './running-totals';

async function main(): Promise<void> {
  const [connectionString, schema, instanceId] = process.argv.slice(2);
  if (connectionString === undefined || schema === undefined || instanceId === undefined) {
    throw new Error('usage: projection-runner-child <connection string> <schema> <instance id>');
  }
  const url = new URL(connectionString);
  url.searchParams.set('application_name', instanceId);
  const store = new PostgreSQLEventStore({ connectionString: url.toString(), schema, poolMin: 0, poolMax: 3 });
  await store.initialize({ migrate: false });
  const runner = new ProjectionRunner({
    source: store,
    checkpoints: store.checkpoints(),
    projections: [
      runningTotals(
        'running_totals',
        schema,
        { totals: 'totals', log: 'applied_log' },
        {
          instance: instanceId,
          perEventDelayMs: 2,
        },
      ),
    ],
    instanceId,
    leaseMs: CHILD_LEASE_MS,
    pollIntervalMs: 100,
  });
  await runner.start();
  process.send?.({ kind: 'started' });
  process.once('SIGTERM', () => {
    void runner
      .stop()
      .then(() => store.close())
      .then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`projection-runner-child failed: ${String(error)}\n`);
  process.exit(1);
});
