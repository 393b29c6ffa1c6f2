import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PrometheusMetrics } from '@orchestrix/observability';

/**
 * Serves `GET /metrics` (the registry's text exposition) on 127.0.0.1:`port` (0 picks a free port), 404
 * for any other path; resolves once listening, with the port and a function that closes the server.
 *
 * @example const served = await serveMetrics(metrics, 9464); // curl http://127.0.0.1:9464/metrics
 */
export async function serveMetrics(
  metrics: PrometheusMetrics,
  port: number,
): Promise<{ readonly port: number; readonly close: () => Promise<void> }> {
  const registry = metrics.getPrometheusRegistry();
  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    PrometheusMetrics.generateExposition(registry).then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
