import { ValidationError, validateOneOf } from '@orchestrix/core';
import { type TracingConfig, tracingConfigFromEnv } from '@orchestrix/observability';
import { type BuildAppOptions, DEFAULT_DATABASE_URL, DEFAULT_SCHEMA } from './build-app';

/** The `service.name` of the shop's spans unless `OTEL_SERVICE_NAME` says otherwise. */
export const DEFAULT_SERVICE_NAME = 'orchestrix-shop';

/** The port the shop listens on unless `PORT` says otherwise. */
export const DEFAULT_PORT = 3000;

/** What `pnpm start` runs with, read from the environment. */
export interface ShopConfig {
  readonly options: BuildAppOptions & Required<Pick<BuildAppOptions, 'store' | 'databaseUrl' | 'schema'>>;
  /** The port to listen on, on 127.0.0.1. */
  readonly port: number;
  /** How to trace, for `initTracing`; `undefined` when `ORCHESTRIX_TRACING` is unset or `off`. */
  readonly tracing: TracingConfig | undefined;
}

function portOf(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new ValidationError('PORT', value, 'PORT must be a whole number from 0 to 65535');
  }
  return port;
}

/**
 * Reads the shop's settings from environment variables: `ORCHESTRIX_STORE` (`memory`, the default, or
 * `postgres`), `DATABASE_URL` ({@link DEFAULT_DATABASE_URL}), `SHOP_SCHEMA` ({@link DEFAULT_SCHEMA}),
 * `PORT` ({@link DEFAULT_PORT}), and tracing: `ORCHESTRIX_TRACING` (`off`, the default, `otlp` or `jaeger`)
 * with `OTEL_SERVICE_NAME` ({@link DEFAULT_SERVICE_NAME}) and the exporters' `OTEL_EXPORTER_*` variables
 * (see `tracingConfigFromEnv` of `@orchestrix/observability`). An empty variable counts as unset.
 *
 * @throws {@link ValidationError} naming the variable, for an unknown store or exporter, or a port that is not one.
 * @example const { options, port } = readShopConfig(process.env);
 */
export function readShopConfig(env: Readonly<Record<string, string | undefined>>): ShopConfig {
  const store = env.ORCHESTRIX_STORE || 'memory';
  validateOneOf(store, ['memory', 'postgres'] as const, 'ORCHESTRIX_STORE');
  return {
    options: {
      store,
      databaseUrl: env.DATABASE_URL || DEFAULT_DATABASE_URL,
      schema: env.SHOP_SCHEMA || DEFAULT_SCHEMA,
    },
    port: portOf(env.PORT),
    tracing: tracingConfigFromEnv(env, DEFAULT_SERVICE_NAME),
  };
}
