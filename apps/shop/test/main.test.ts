import { describe, expect, it } from 'vitest';
import { runMain } from './support/run-main';
import { ShopClient } from './support/shop-client';

describe('src/main.ts', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'serves on 127.0.0.1 in memory and shuts down cleanly on %s',
    async (signal) => {
      const shop = await runMain({ ORCHESTRIX_STORE: 'memory' });
      const client = new ShopClient(shop.baseUrl);
      const { orderId } = await client.placeOrder('customer-main');

      const order = await client.get(`/orders/${orderId}`);
      const exitCode = await shop.stop(signal);

      expect(order.status).toBe(200);
      expect(exitCode).toBe(0);
      expect(shop.stdout()).toContain('(store: memory)');
      expect(shop.stdout()).toContain(`${signal}: closing the server, the projection runner and the store.`);
      expect(shop.stdout()).toContain('Shop stopped.');
    },
  );
});
