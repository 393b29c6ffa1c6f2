import { startOtlpReceiver } from '@orchestrix/testing';
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

  it('traces a request from its command to the projections over OTLP with ORCHESTRIX_TRACING=otlp', async () => {
    const receiver = await startOtlpReceiver();
    try {
      const shop = await runMain({
        ORCHESTRIX_STORE: 'memory',
        ORCHESTRIX_TRACING: 'otlp',
        OTEL_SERVICE_NAME: 'shop-under-test',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: receiver.endpoint,
      });
      await new ShopClient(shop.baseUrl).placeOrder('customer-traced');

      const exitCode = await shop.stop('SIGTERM');

      const spans = receiver.spans();
      const publish = spans.find((span) => span.name === 'publish:PlaceOrder');
      const trace = spans.filter((span) => span.traceId === publish?.traceId);
      expect(exitCode).toBe(0);
      expect(shop.stdout()).toContain('tracing to OTLP as shop-under-test');
      expect(new Set(spans.map((span) => span.serviceName))).toEqual(new Set(['shop-under-test']));
      expect(trace.map((span) => span.name)).toEqual(
        expect.arrayContaining([
          'publish:PlaceOrder',
          'handle_command:PlaceOrder',
          'event_store.save',
          'process_event:OrderPlaced',
        ]),
      );
    } finally {
      await receiver.close();
    }
  });
});
