import { createRequire } from 'node:module';
import { requireBinary } from '@orchestrix/testing';
import { describe, expect, it } from 'vitest';
import { startPrometheus } from './support/prometheus-server';
import { startShop } from './support/shop-client';

/** The alert rules @orchestrix/observability ships, resolved through its exports map. */
const RULES_FILE = createRequire(import.meta.url).resolve('@orchestrix/observability/alerts/orchestrix.rules.yml');

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until `check` returns true, polling every 100 ms, for at most `timeoutMs`. */
async function waitUntil(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await delay(100);
  }
}

describe('the shop scraped by a real Prometheus', () => {
  it('exposes exactly the commands sent over HTTP to a PromQL query, and the alert rules evaluate', async (context) => {
    const binary = requireBinary('prometheus', 'prometheus', context);
    const shop = await startShop();
    const prometheus = await startPrometheus({
      binary,
      target: new URL(shop.client.baseUrl).host,
      ruleFiles: [RULES_FILE],
    }).catch(async (error: unknown) => {
      await shop.close();
      throw error;
    });
    try {
      // 7 commands: 4 orders placed, 2 of them paid, and 1 refused ship (the order is still PENDING).
      const orders = [];
      for (let index = 0; index < 4; index += 1) orders.push(await shop.client.placeOrder(`customer-${index}`));
      for (const { orderId } of orders.slice(0, 2)) {
        expect((await shop.client.post(`/orders/${orderId}/pay`, { amount: 59.98 })).status).toBe(200);
      }
      expect((await shop.client.post(`/orders/${orders[3]?.orderId}/ship`)).status).toBe(422);
      const sentAt = new Date();

      // A scrape that started after the last command answered holds all seven.
      await waitUntil('a scrape after the commands', 15_000, async () => {
        const targets = await prometheus.targets();
        return targets.some((target) => target.health === 'up' && target.lastScrape > sentAt);
      });
      const total = await prometheus.query('sum(orchestrix_core_commands_total{job="shop"})');
      const byStatus = await prometheus.query('sum by (status) (orchestrix_core_commands_total{job="shop"})');
      const p95 = await prometheus.query(
        'histogram_quantile(0.95, sum by (le) (orchestrix_core_commands_latency_seconds_bucket{job="shop"}))',
      );
      await waitUntil('every alert rule evaluated', 10_000, async () =>
        (await prometheus.rules()).every((rule) => rule.health !== 'unknown'),
      );
      const rules = await prometheus.rules();

      expect(total.map((sample) => sample.value)).toEqual([7]);
      expect(Object.fromEntries(byStatus.map((sample) => [sample.metric.status, sample.value]))).toEqual({
        success: 6,
        error: 1,
      });
      expect(p95[0]?.value).toBeGreaterThan(0);
      expect(rules).toHaveLength(9);
      expect(rules.filter((rule) => rule.health !== 'ok')).toEqual([]);
    } finally {
      await prometheus.stop();
      await shop.close();
    }
  }, 30_000);
});
