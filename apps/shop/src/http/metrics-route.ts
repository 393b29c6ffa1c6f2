import type { ProjectionRunner } from '@orchestrix/core';
import { PrometheusMetrics } from '@orchestrix/observability';
import type { FastifyInstance } from 'fastify';

/** What `GET /metrics` serves. */
export interface MetricsRouteOptions {
  readonly metrics: PrometheusMetrics;
  readonly runner: ProjectionRunner;
  readonly projectionNames: readonly string[];
}

/**
 * Registers `GET /metrics`: the text exposition of the shop's Prometheus registry, with prom-client's
 * content type. Each scrape first measures every projection's lag (`runner.lag(name)` reports it to
 * `orchestrix_core_projection_events_behind`); a lag that cannot be read leaves its last value.
 *
 * @example registerMetricsRoute(app, { metrics, runner, projectionNames: ['orders_by_id'] });
 */
export function registerMetricsRoute(app: FastifyInstance, options: MetricsRouteOptions): void {
  const { metrics, runner, projectionNames } = options;
  app.get('/metrics', async (_request, reply) => {
    // The runner reports lag only when asked: ask before each scrape. A store outage must not fail the scrape.
    await Promise.allSettled(projectionNames.map((name) => runner.lag(name)));
    const registry = metrics.getPrometheusRegistry();
    return reply.type(registry.contentType).send(await PrometheusMetrics.generateExposition(registry));
  });
}
