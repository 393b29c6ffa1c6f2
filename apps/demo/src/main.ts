import type { EventStore } from '@orchestrix/core';
import { initTracing, PrometheusMetrics, tracingConfigFromEnv } from '@orchestrix/observability';
import { PostgreSQLEventStore } from '@orchestrix/postgres';
import pg from 'pg';
import { serveMetrics } from './metrics/serve-metrics';
import { runDemo } from './run-demo';

const DEMO_SCHEMA = 'orchestrix_demo';

/**
 * The store the demo runs on: in memory by default; with ORCHESTRIX_STORE=postgres, PostgreSQL at
 * DATABASE_URL (the local server unless given), in schema `orchestrix_demo`, emptied first.
 */
async function chooseStore(): Promise<{ store?: EventStore; storeLabel?: string; close: () => Promise<void> }> {
  if (process.env.ORCHESTRIX_STORE !== 'postgres') return { close: async () => {} };
  const pool = new pg.Pool({
    connectionString: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test',
  });
  pool.on('error', () => undefined);
  await pool.query(`drop schema if exists ${DEMO_SCHEMA} cascade`);
  const store = new PostgreSQLEventStore({ pool, schema: DEMO_SCHEMA });
  await store.initialize();
  return { store, storeLabel: `PostgreSQL (schema ${DEMO_SCHEMA})`, close: () => pool.end() };
}

/** The port of ORCHESTRIX_METRICS_PORT: after the run, the demo serves /metrics there until stopped. */
function metricsPort(): number | undefined {
  const value = process.env.ORCHESTRIX_METRICS_PORT;
  if (value === undefined || value === '') return undefined;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new Error(`ORCHESTRIX_METRICS_PORT must be a port number from 0 to 65535, not "${value}".`);
  }
  return port;
}

/** Resolves on the first SIGINT or SIGTERM. */
function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

// The entry of `pnpm demo`: the account goes to stdout; an unexpected failure to stderr, exit code 1.
// ORCHESTRIX_TRACING=otlp|jaeger (and the OTEL_* variables) send the demo's spans to a collector;
// ORCHESTRIX_METRICS_PORT=9464 keeps the demo serving its registry on /metrics after the run, until Ctrl-C.
const port = metricsPort();
const metrics = new PrometheusMetrics();
const tracing = tracingConfigFromEnv(process.env, 'orchestrix-demo');
const tracer = tracing === undefined ? undefined : initTracing(tracing);
const tracingLabel =
  tracing === undefined
    ? undefined
    : `${tracing.exporter === 'jaeger' ? `Jaeger agent ${tracing.jaegerAgentHost}:${tracing.jaegerAgentPort}` : 'OTLP'} as ${tracing.serviceName}`;
const { close, ...storeOptions } = await chooseStore();
try {
  await runDemo({
    ...storeOptions,
    ...(tracer === undefined ? {} : { tracer }),
    ...(tracingLabel === undefined ? {} : { tracingLabel }),
    metrics,
    write: (line) => process.stdout.write(`${line}\n`),
  });
  if (port !== undefined) {
    const served = await serveMetrics(metrics, port);
    process.stdout.write(`Serving the metrics on http://127.0.0.1:${served.port}/metrics until Ctrl-C.\n`);
    await stopSignal();
    await served.close();
  }
} catch (error) {
  process.stderr.write(`The demo failed: ${describeError(error)}\n`);
  process.exitCode = 1;
} finally {
  await close();
  // Sends the spans still queued; a collector that cannot be reached loses them, which is no failure of the demo.
  await tracer?.shutdown().catch((error: unknown) => {
    process.stderr.write(
      `The spans could not be exported: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  });
}
