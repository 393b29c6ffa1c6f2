import { PrometheusMetrics } from '@orchestrix/observability';
import { afterEach, describe, expect, it } from 'vitest';
import { type ExposedSample, parseExposition, sampleValue } from './support/exposition';
import { type RunningShop, startShop } from './support/shop-client';

let shop: RunningShop | undefined;

afterEach(async () => {
  await shop?.close();
  shop = undefined;
});

async function scrape(running: RunningShop): Promise<{ contentType: string | null; samples: ExposedSample[] }> {
  const response = await fetch(`${running.client.baseUrl}/metrics`);
  expect(response.status).toBe(200);
  return { contentType: response.headers.get('content-type'), samples: parseExposition(await response.text()) };
}

describe('GET /metrics', () => {
  it("serves the text exposition with prom-client's content type", async () => {
    shop = await startShop();

    const response = await fetch(`${shop.client.baseUrl}/metrics`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(await response.text()).toContain('# TYPE orchestrix_core_commands_total counter');
  });

  it('counts each command once by type and status, from the instrumented bus', async () => {
    shop = await startShop();
    const { orderId } = await shop.client.placeOrder('customer-metrics');
    await shop.client.placeOrder('customer-metrics');
    const refused = await shop.client.post(`/orders/${orderId}/ship`);

    const { samples } = await scrape(shop);

    expect(refused.status).toBe(422);
    expect(
      sampleValue(samples, 'orchestrix_core_commands_total', { command_type: 'PlaceOrder', status: 'success' }),
    ).toBe(2);
    expect(sampleValue(samples, 'orchestrix_core_commands_total', { command_type: 'ShipOrder', status: 'error' })).toBe(
      1,
    );
    expect(sampleValue(samples, 'orchestrix_core_commands_latency_seconds_count', { command_type: 'PlaceOrder' })).toBe(
      2,
    );
  });

  it('counts the store, the repository and the projections, and measures the lag at each scrape', async () => {
    shop = await startShop();
    await shop.client.placeOrder('customer-metrics');

    const { samples } = await scrape(shop);

    expect(
      sampleValue(samples, 'orchestrix_core_storage_operations_total', { operation_type: 'save', status: 'success' }),
    ).toBe(1);
    expect(
      sampleValue(samples, 'orchestrix_core_repository_commands_total', { aggregate_type: 'Order', status: 'success' }),
    ).toBe(1);
    for (const projection of ['orders_by_id', 'orders_by_customer']) {
      expect(sampleValue(samples, 'orchestrix_core_projection_events_behind', { projection_name: projection })).toBe(0);
      expect(sampleValue(samples, 'orchestrix_core_projection_healthy', { projection_name: projection })).toBe(1);
      expect(
        sampleValue(samples, 'orchestrix_core_projection_events_processed_total', { projection_name: projection }),
      ).toBe(1);
    }
  });

  it('serves the registry of the metrics it was given', async () => {
    const metrics = new PrometheusMetrics({ namespace: 'shop', subsystem: 'eu' });
    shop = await startShop({ metrics });
    await shop.client.placeOrder('customer-metrics');

    const { samples } = await scrape(shop);

    expect(sampleValue(samples, 'shop_eu_commands_total', { command_type: 'PlaceOrder', status: 'success' })).toBe(1);
    expect(sampleValue(samples, 'orchestrix_core_commands_total')).toBeUndefined();
  });
});
