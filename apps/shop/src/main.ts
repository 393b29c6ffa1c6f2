import { getLogger } from '@orchestrix/core';
import { buildApp } from './build-app';
import { readShopConfig } from './shop-config';

// The entry of `pnpm --filter @orchestrix/shop start`: serves on 127.0.0.1 until SIGINT or SIGTERM,
// then shuts down gracefully. Framework warnings go to stderr as JSON lines; a failed start exits with 1.
const logger = getLogger('shop');
try {
  const { options, port } = readShopConfig(process.env);
  const { app, close } = await buildApp({ ...options, logger });
  const address = await app.listen({ host: '127.0.0.1', port });
  const where = options.store === 'postgres' ? `PostgreSQL, schema ${options.schema}` : 'memory';
  process.stdout.write(`Shop listening on ${address} (store: ${where}). Stop it with Ctrl+C.\n`);
  const shutDown = (signal: NodeJS.Signals): void => {
    process.stdout.write(`${signal}: closing the server, the projection runner and the store.\n`);
    close().then(
      () => process.stdout.write('Shop stopped.\n'),
      (error: unknown) => {
        logger.error('Shutdown failed', { error });
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGINT', shutDown);
  process.once('SIGTERM', shutDown);
} catch (error) {
  logger.error('The shop failed to start', { error });
  process.exitCode = 1;
}
