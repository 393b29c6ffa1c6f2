import { getLogger } from '@orchestrix/core';
import { initTracing, type JaegerTracer, type TracingConfig } from '@orchestrix/observability';
import { buildApp } from './build-app';
import { readShopConfig } from './shop-config';

/** Where the spans go, for the start-up line. */
function describeTracing(tracing: TracingConfig | undefined): string {
  if (tracing === undefined) return 'tracing off';
  const to =
    tracing.exporter === 'jaeger' ? `Jaeger agent ${tracing.jaegerAgentHost}:${tracing.jaegerAgentPort}` : 'OTLP';
  return `tracing to ${to} as ${tracing.serviceName}`;
}

// The entry of `pnpm --filter @orchestrix/shop start`: serves on 127.0.0.1 until SIGINT or SIGTERM,
// then shuts down gracefully. Framework warnings go to stderr as JSON lines; a failed start exits with 1.
const logger = getLogger('shop');
let tracer: JaegerTracer | undefined;
try {
  const { options, port, tracing } = readShopConfig(process.env);
  tracer = tracing === undefined ? undefined : initTracing(tracing);
  const { app, close } = await buildApp({ ...options, logger, ...(tracer === undefined ? {} : { tracer }) });
  const address = await app.listen({ host: '127.0.0.1', port });
  const where = options.store === 'postgres' ? `PostgreSQL, schema ${options.schema}` : 'memory';
  process.stdout.write(`Shop listening on ${address} (store: ${where}). Stop it with Ctrl+C.\n`);
  process.stdout.write(`Metrics at ${address}/metrics; ${describeTracing(tracing)}.\n`);
  const shutDown = async (signal: NodeJS.Signals): Promise<void> => {
    process.stdout.write(`${signal}: closing the server, the projection runner and the store.\n`);
    try {
      await close();
    } catch (error) {
      logger.error('Shutdown failed', { error });
      process.exitCode = 1;
      return;
    }
    // The spans still queued go out now; a collector that cannot be reached loses them, and says so.
    await tracer?.shutdown().catch((error: unknown) => logger.warn('Spans could not be exported', { error }));
    process.stdout.write('Shop stopped.\n');
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    shutDown(signal).catch((error: unknown) => logger.error('Shutdown failed', { error }));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
} catch (error) {
  logger.error('The shop failed to start', { error });
  await tracer?.shutdown().catch(() => undefined);
  process.exitCode = 1;
}
