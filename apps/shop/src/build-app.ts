import {
  AggregateRepository,
  type EventStore,
  type Logger,
  noopLogger,
  type ObservabilityHooks,
  ProjectionRunner,
  type Tracer,
} from '@orchestrix/core';
import { InMemoryMessageBus } from '@orchestrix/memory';
import {
  instrumentBus,
  instrumentEventStore,
  instrumentProjectionRunner,
  instrumentRepository,
  PrometheusMetrics,
} from '@orchestrix/observability';
import { type FastifyInstance, fastify } from 'fastify';
import { registerHealthRoute } from './http/health-route';
import { toHttpErrorResponse } from './http/http-error-response';
import { registerMetricsRoute } from './http/metrics-route';
import { registerOrderRoutes } from './http/order-routes';
import { ReadModelBarrier } from './http/read-model-barrier';
import { OrderCommands } from './orders/order-commands';
import { openShopStorage, type ShopStorage, type ShopStoreKind } from './storage/open-shop-storage';

/** The PostgreSQL server the shop uses unless told otherwise: the local one, database `test`. */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** The schema the shop uses on PostgreSQL unless told otherwise. */
export const DEFAULT_SCHEMA = 'shop';

/** Options of {@link buildApp}; all optional. */
export interface BuildAppOptions {
  /** `memory` (the default) or `postgres`. */
  readonly store?: ShopStoreKind;
  /** The PostgreSQL server, for `postgres`; {@link DEFAULT_DATABASE_URL} unless given. */
  readonly databaseUrl?: string;
  /** The schema of the events and the read-model tables, for `postgres`; {@link DEFAULT_SCHEMA} unless given. */
  readonly schema?: string;
  /** The longest a write waits for the read model before it answers 202, and a `?after=` read before 503; 5000 ms unless given. */
  readonly readModelTimeoutMs?: number;
  /** How often the projection runner polls when no append woke it; 1000 ms unless given. */
  readonly pollIntervalMs?: number;
  /** Receives the store's and the runner's warnings and errors, and requests that failed with 500; silent unless given. */
  readonly logger?: Logger;
  /**
   * Where the bus, the store, the repository and the projection runner count (`GET /metrics` serves its
   * registry); a new `PrometheusMetrics` with its own registry (names `orchestrix_core_…`) unless given.
   */
  readonly metrics?: PrometheusMetrics;
  /** Traces commands, handlers, store calls and projections, e.g. `initTracing(…)`'s tracer; no spans unless given. */
  readonly tracer?: Tracer;
}

/** A built shop: the Fastify instance (not listening yet) and how to end it all. */
export interface ShopApp {
  /** Call `app.listen({ host, port })` to serve; port 0 picks a free one. */
  readonly app: FastifyInstance;
  /** The metrics `GET /metrics` serves: {@link BuildAppOptions.metrics}, or the shop's own. */
  readonly metrics: PrometheusMetrics;
  /**
   * Closes Fastify (it stops accepting connections and lets requests in flight finish, which may be
   * waiting for the projections), then stops the projection runner, then ends the store's connections.
   * Safe to call more than once.
   */
  close(): Promise<void>;
}

/** What {@link buildFastify} serves: the storage, its instrumented store, the runner and the hooks. */
interface ShopParts {
  readonly storage: ShopStorage;
  readonly store: EventStore;
  readonly runner: ProjectionRunner;
  readonly metrics: PrometheusMetrics;
  readonly hooks: ObservabilityHooks;
}

function buildFastify(parts: ShopParts, options: BuildAppOptions): FastifyInstance {
  const { storage, store, runner, metrics, hooks } = parts;
  const logger = options.logger ?? noopLogger;
  const app = fastify({ logger: false });
  app.setErrorHandler((error, request, reply) => {
    const { statusCode, body } = toHttpErrorResponse(error);
    if (statusCode >= 500) logger.error('Request failed', { method: request.method, url: request.url, error });
    if (statusCode === 503) reply.header('retry-after', '1');
    return reply.code(statusCode).send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      code: 'ROUTE_NOT_FOUND',
      message: `No route ${request.method} ${request.url}: see the shop's README for its routes.`,
    }),
  );
  // Instrumented before the handlers subscribe: handlers subscribed on the plain bus would not be.
  const bus = instrumentBus(new InMemoryMessageBus(), hooks);
  const repository = instrumentRepository(new AggregateRepository({ eventStore: store }), hooks);
  const commands = new OrderCommands(bus, repository);
  const barrier = new ReadModelBarrier(runner, options.readModelTimeoutMs ?? 5000);
  const projectionNames = storage.readModel.projections.map((projection) => projection.name);
  registerOrderRoutes(app, { commands, readModel: storage.readModel, barrier });
  registerHealthRoute(app, { runner, projectionNames, storeKind: storage.kind, ping: () => storage.ping() });
  registerMetricsRoute(app, { metrics, runner, projectionNames });
  return app;
}

/**
 * Builds the shop: opens its storage (in memory, or PostgreSQL), starts the projection runner over the
 * read model's projections, and registers the routes on a new Fastify instance, ready to listen. The bus,
 * the event store, the repository and the runner are instrumented (`@orchestrix/observability`): they count
 * into `metrics`, served at `GET /metrics`, and trace with `tracer` when one is given.
 *
 * @throws {@link ValidationError} for a bad schema name; {@link StoreUnavailableError} when PostgreSQL
 * cannot be reached. Nothing is left open then.
 * @example
 * const { app, close } = await buildApp({ store: 'postgres', schema: 'shop' });
 * await app.listen({ host: '127.0.0.1', port: 3000 });
 */
export async function buildApp(options: BuildAppOptions = {}): Promise<ShopApp> {
  const logger = options.logger ?? noopLogger;
  const storage = await openShopStorage({
    kind: options.store ?? 'memory',
    databaseUrl: options.databaseUrl ?? DEFAULT_DATABASE_URL,
    schema: options.schema ?? DEFAULT_SCHEMA,
    logger,
  });
  const metrics = options.metrics ?? new PrometheusMetrics();
  const hooks: ObservabilityHooks = { metrics, ...(options.tracer === undefined ? {} : { tracer: options.tracer }) };
  // Store spans only under a command's or a projection's span: the runner's polls start no trace of their own.
  const store = instrumentEventStore(storage.store, {
    ...hooks,
    requireParentSpan: true,
    ...(storage.kind === 'postgres' ? { dbSystem: 'postgresql' } : {}),
  });
  let runner: ProjectionRunner | undefined;
  try {
    runner = instrumentProjectionRunner(
      new ProjectionRunner({
        source: store,
        checkpoints: storage.checkpoints,
        projections: storage.readModel.projections,
        pollIntervalMs: options.pollIntervalMs ?? 1000,
        logger,
      }),
      hooks,
    );
    await runner.start();
    const app = buildFastify({ storage, store, runner, metrics, hooks }, options);
    await app.ready();
    const started = runner;
    let closing: Promise<void> | undefined;
    const close = (): Promise<void> => {
      closing ??= (async () => {
        await app.close();
        await started.stop();
        await storage.close();
      })();
      return closing;
    };
    return { app, metrics, close };
  } catch (error) {
    await runner?.stop();
    await storage.close();
    throw error;
  }
}
