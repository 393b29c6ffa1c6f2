import type { ProjectionRunner } from '@orchestrix/core';
import type { FastifyInstance } from 'fastify';

/** What `GET /health` reports about one projection. */
export interface ProjectionHealthReport {
  readonly name: string;
  readonly healthy: boolean;
  /** Its checkpoint, as a string; `null` when it could not be read. */
  readonly position: string | null;
  /** How many events of the feed it has not handled yet; `null` when that could not be read. */
  readonly lag: number | null;
  /** Why it is unhealthy: the message of its last error. */
  readonly error?: string;
}

/** The body of `GET /health`. */
export interface HealthReport {
  /** `ok` (status 200) when the store answers and every projection is healthy, else `unavailable` (503). */
  readonly status: 'ok' | 'unavailable';
  readonly store: { readonly kind: 'memory' | 'postgres'; readonly reachable: boolean };
  readonly projections: readonly ProjectionHealthReport[];
}

/** What the health route checks. */
export interface HealthRouteOptions {
  readonly runner: ProjectionRunner;
  readonly projectionNames: readonly string[];
  readonly storeKind: 'memory' | 'postgres';
  /** `true` when the store answers; never rejects (`PostgreSQLEventStore.ping`). */
  readonly ping: () => Promise<boolean>;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function reportOn(runner: ProjectionRunner, name: string): Promise<ProjectionHealthReport> {
  try {
    const [health, lag] = await Promise.all([runner.health(name), runner.lag(name)]);
    const report = { name, healthy: health.healthy, position: health.position.toString(), lag };
    return health.healthy ? report : { ...report, error: messageOf(health.lastError) };
  } catch (error) {
    return { name, healthy: false, position: null, lag: null, error: messageOf(error) };
  }
}

/**
 * Registers `GET /health`: the store's ping, and each projection's health, checkpoint and lag. It answers
 * 200 when the store answers and every projection is healthy, else 503; lag alone never fails it.
 *
 * @example registerHealthRoute(app, { runner, projectionNames: ['orders_by_id'], storeKind: 'memory', ping: async () => true });
 */
export function registerHealthRoute(app: FastifyInstance, options: HealthRouteOptions): void {
  const { runner, projectionNames, storeKind, ping } = options;
  app.get('/health', async (_request, reply) => {
    const [reachable, projections] = await Promise.all([
      ping(),
      Promise.all(projectionNames.map((name) => reportOn(runner, name))),
    ]);
    const isHealthy = reachable && projections.every((projection) => projection.healthy);
    const report: HealthReport = {
      status: isHealthy ? 'ok' : 'unavailable',
      store: { kind: storeKind, reachable },
      projections,
    };
    return reply.code(isHealthy ? 200 : 503).send(report);
  });
}
