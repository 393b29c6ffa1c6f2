import type { TracingConfig } from './tracing-config';

/**
 * Names where the config's spans go, for error messages: never a credential, a path or a URL's user part.
 *
 * @internal Used by {@link JaegerTracer}; not part of the public API.
 */
export function describeExporter(config: TracingConfig): string {
  if (config.exporter === 'jaeger') return `the Jaeger agent at ${config.jaegerAgentHost}:${config.jaegerAgentPort}`;
  if (config.exporter === 'otlp') {
    return config.otlpEndpoint === undefined
      ? 'the OTLP endpoint'
      : `the OTLP endpoint at ${new URL(config.otlpEndpoint).origin}`;
  }
  return 'the configured span exporter';
}
