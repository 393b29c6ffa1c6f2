import { JaegerExporter } from '@opentelemetry/exporter-jaeger';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { TracingConfig } from './tracing-config';

function createExporter(config: TracingConfig): SpanExporter {
  if (config.exporter === 'jaeger') {
    return new JaegerExporter({
      host: config.jaegerAgentHost,
      port: config.jaegerAgentPort,
      flushTimeout: config.exportTimeoutMs,
    });
  }
  if (config.exporter === 'otlp') {
    return new OTLPTraceExporter({
      ...(config.otlpEndpoint === undefined ? {} : { url: config.otlpEndpoint }),
      timeoutMillis: config.exportTimeoutMs,
    });
  }
  return config.exporter;
}

/**
 * The span processor for the config's exporter: `'jaeger'` and `'otlp'` batch in the background, so ending
 * a span never waits for the network; an exporter you pass gets each span as it ends unless `batchSpans`.
 *
 * @internal Used by {@link JaegerTracer}; not part of the public API.
 */
export function createSpanProcessor(config: TracingConfig): SpanProcessor {
  const exporter = createExporter(config);
  if (typeof config.exporter === 'object' && !config.batchSpans) return new SimpleSpanProcessor(exporter);
  return new BatchSpanProcessor(exporter, {
    scheduledDelayMillis: config.batchDelayMs,
    exportTimeoutMillis: config.exportTimeoutMs,
  });
}
