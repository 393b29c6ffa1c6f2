import { ValidationError, validateOneOf } from '@orchestrix/core';
import { TracingConfig } from './tracing-config';

/** The exporters `ORCHESTRIX_TRACING` selects; `off` (the default) traces nothing. */
const TRACING_EXPORTERS_FROM_ENV = ['off', 'jaeger', 'otlp'] as const;

function portOf(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65_535) {
    throw new ValidationError(
      'OTEL_EXPORTER_JAEGER_AGENT_PORT',
      value,
      'OTEL_EXPORTER_JAEGER_AGENT_PORT must be a whole number from 1 to 65535',
    );
  }
  return port;
}

/**
 * Reads how to trace from environment variables: `ORCHESTRIX_TRACING` is `off` (the default: no tracing),
 * `otlp` (OTLP over HTTP to `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, else `OTEL_EXPORTER_OTLP_ENDPOINT` +
 * `/v1/traces`, else `http://localhost:4318/v1/traces`: the exporter reads them) or `jaeger` (the agent at
 * `OTEL_EXPORTER_JAEGER_AGENT_HOST`:`OTEL_EXPORTER_JAEGER_AGENT_PORT`, default `localhost:6832`). Spans carry
 * `service.name` `OTEL_SERVICE_NAME`, else `defaultServiceName`. An empty variable counts as unset.
 *
 * @throws {@link ValidationError} naming the variable, for an unknown exporter or a port that is not one.
 * @example
 * const config = tracingConfigFromEnv(process.env, 'order-service'); // undefined while tracing is off
 * const tracer = config === undefined ? undefined : initTracing(config);
 */
export function tracingConfigFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  defaultServiceName: string,
): TracingConfig | undefined {
  const exporter = env.ORCHESTRIX_TRACING || 'off';
  validateOneOf(exporter, TRACING_EXPORTERS_FROM_ENV, 'ORCHESTRIX_TRACING');
  if (exporter === 'off') return undefined;
  const serviceName = env.OTEL_SERVICE_NAME || defaultServiceName;
  if (exporter === 'otlp') return new TracingConfig({ serviceName, exporter });
  const jaegerAgentPort = portOf(env.OTEL_EXPORTER_JAEGER_AGENT_PORT);
  return new TracingConfig({
    serviceName,
    exporter,
    jaegerAgentHost: env.OTEL_EXPORTER_JAEGER_AGENT_HOST || 'localhost',
    ...(jaegerAgentPort === undefined ? {} : { jaegerAgentPort }),
  });
}
