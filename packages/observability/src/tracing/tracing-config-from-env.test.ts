import { ValidationError } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { tracingConfigFromEnv } from './tracing-config-from-env';

describe('tracingConfigFromEnv', () => {
  it('traces nothing unless ORCHESTRIX_TRACING names an exporter', () => {
    expect(tracingConfigFromEnv({}, 'order-service')).toBeUndefined();
    expect(tracingConfigFromEnv({ ORCHESTRIX_TRACING: 'off' }, 'order-service')).toBeUndefined();
    expect(tracingConfigFromEnv({ ORCHESTRIX_TRACING: '' }, 'order-service')).toBeUndefined();
  });

  it('traces over OTLP as OTEL_SERVICE_NAME, else the default name', () => {
    expect(tracingConfigFromEnv({ ORCHESTRIX_TRACING: 'otlp' }, 'order-service')).toMatchObject({
      exporter: 'otlp',
      serviceName: 'order-service',
    });
    expect(
      tracingConfigFromEnv({ ORCHESTRIX_TRACING: 'otlp', OTEL_SERVICE_NAME: 'orders-eu' }, 'order-service'),
    ).toMatchObject({ serviceName: 'orders-eu' });
  });

  it('sends to the Jaeger agent the OTEL_EXPORTER_JAEGER_AGENT_* variables name', () => {
    const config = tracingConfigFromEnv(
      {
        ORCHESTRIX_TRACING: 'jaeger',
        OTEL_EXPORTER_JAEGER_AGENT_HOST: 'agent.local',
        OTEL_EXPORTER_JAEGER_AGENT_PORT: '6999',
      },
      'order-service',
    );
    expect(config).toMatchObject({ exporter: 'jaeger', jaegerAgentHost: 'agent.local', jaegerAgentPort: 6999 });
  });

  it('refuses an unknown exporter and a port that is not one, naming the variable', () => {
    expect(() => tracingConfigFromEnv({ ORCHESTRIX_TRACING: 'zipkin' }, 'order-service')).toThrow(ValidationError);
    for (const port of ['0', '70000', 'abc', '12.5']) {
      expect(() =>
        tracingConfigFromEnv({ ORCHESTRIX_TRACING: 'jaeger', OTEL_EXPORTER_JAEGER_AGENT_PORT: port }, 'order-service'),
      ).toThrow(/OTEL_EXPORTER_JAEGER_AGENT_PORT/);
    }
  });
});
