import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { systemClock, ValidationError } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { TracingConfig, type TracingConfigOptions } from './tracing-config';

/** Options as a caller without types might write them. */
function untyped(options: Record<string, unknown>): TracingConfigOptions {
  return { serviceName: 'order-service', ...options } as unknown as TracingConfigOptions;
}

describe('TracingConfig', () => {
  it('fills in the defaults and freezes the result', () => {
    const config = new TracingConfig({ serviceName: 'order-service' });

    expect(config).toMatchObject({
      serviceName: 'order-service',
      jaegerAgentHost: 'localhost',
      jaegerAgentPort: 6832,
      samplerType: 'const',
      samplerParam: 1,
      exporter: 'jaeger',
      otlpEndpoint: undefined,
      resourceAttributes: {},
      exportTimeoutMs: 10_000,
      batchDelayMs: 5_000,
      batchSpans: false,
      clock: systemClock,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('accepts an OpenTelemetry span exporter and an OTLP endpoint for the otlp exporter', () => {
    const exporter = new InMemorySpanExporter();

    expect(new TracingConfig({ serviceName: 'order-service', exporter }).exporter).toBe(exporter);
    expect(
      new TracingConfig({
        serviceName: 'order-service',
        exporter: 'otlp',
        otlpEndpoint: 'https://otel.example/v1/traces',
      }).otlpEndpoint,
    ).toBe('https://otel.example/v1/traces');
  });

  it.each([
    ['samplerParam', { samplerType: 'probabilistic', samplerParam: 1.5 }],
    ['samplerParam', { samplerType: 'probabilistic', samplerParam: -0.1 }],
    ['samplerParam', { samplerType: 'probabilistic', samplerParam: Number.NaN }],
    ['samplerParam', { samplerType: 'const', samplerParam: 0.5 }],
    ['samplerParam', { samplerParam: 2 }],
    ['samplerParam', { samplerType: 'ratelimiting', samplerParam: -1 }],
    ['samplerParam', { samplerType: 'ratelimiting', samplerParam: Number.POSITIVE_INFINITY }],
    ['samplerType', { samplerType: 'remote' }],
    ['exporter', { exporter: 'zipkin' }],
    ['exporter', { exporter: { export: () => undefined } }],
    ['serviceName', { serviceName: ' ' }],
    ['serviceName', { serviceName: undefined }],
    ['jaegerAgentHost', { jaegerAgentHost: '' }],
    ['jaegerAgentPort', { jaegerAgentPort: 0 }],
    ['jaegerAgentPort', { jaegerAgentPort: 65_536 }],
    ['jaegerAgentPort', { jaegerAgentPort: 6831.5 }],
    ['jaegerAgentPort', { jaegerAgentPort: '6831' }],
    ['otlpEndpoint', { otlpEndpoint: 'http://localhost:4318/v1/traces' }],
    ['otlpEndpoint', { exporter: 'otlp', otlpEndpoint: 'localhost:4318' }],
    ['otlpEndpoint', { exporter: 'otlp', otlpEndpoint: 'ftp://localhost/v1/traces' }],
    ['exportTimeoutMs', { exportTimeoutMs: 0 }],
    ['batchDelayMs', { batchDelayMs: 1.5 }],
  ])('rejects a bad %s: %o', (field, options) => {
    const create = (): TracingConfig => new TracingConfig(untyped(options));

    expect(create).toThrowError(ValidationError);
    expect(create).toThrowError(expect.objectContaining({ code: 'VALIDATION', field }));
  });
});
