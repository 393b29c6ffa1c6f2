import { ValidationError } from '@orchestrix/core';
import { TracingConfig } from '@orchestrix/observability';
import { describe, expect, it } from 'vitest';
import { readShopConfig } from '../src/shop-config';

describe('readShopConfig', () => {
  it('runs in memory on port 3000 with no variables set', () => {
    expect(readShopConfig({})).toEqual({
      options: { store: 'memory', databaseUrl: 'postgres://postgres@127.0.0.1:5432/test', schema: 'shop' },
      port: 3000,
    });
  });

  it('reads the store, the database, the schema and the port', () => {
    const config = readShopConfig({
      ORCHESTRIX_STORE: 'postgres',
      DATABASE_URL: 'postgres://shop@db:5432/shop',
      SHOP_SCHEMA: 'shop_eu',
      PORT: '8080',
    });

    expect(config).toEqual({
      options: { store: 'postgres', databaseUrl: 'postgres://shop@db:5432/shop', schema: 'shop_eu' },
      port: 8080,
    });
  });

  it('traces nothing unless ORCHESTRIX_TRACING names an exporter', () => {
    expect(readShopConfig({}).tracing).toBeUndefined();
    expect(readShopConfig({ ORCHESTRIX_TRACING: 'off', OTEL_SERVICE_NAME: 'shop-eu' }).tracing).toBeUndefined();
  });

  it('traces over OTLP with ORCHESTRIX_TRACING=otlp, as OTEL_SERVICE_NAME or orchestrix-shop', () => {
    const named = readShopConfig({ ORCHESTRIX_TRACING: 'otlp', OTEL_SERVICE_NAME: 'shop-eu' }).tracing;
    const unnamed = readShopConfig({ ORCHESTRIX_TRACING: 'otlp' }).tracing;

    expect(named).toBeInstanceOf(TracingConfig);
    expect(named).toMatchObject({ exporter: 'otlp', serviceName: 'shop-eu', otlpEndpoint: undefined });
    expect(unnamed).toMatchObject({ exporter: 'otlp', serviceName: 'orchestrix-shop' });
  });

  it('traces to the Jaeger agent that OTEL_EXPORTER_JAEGER_AGENT_HOST and _PORT name, localhost:6832 by default', () => {
    const configured = readShopConfig({
      ORCHESTRIX_TRACING: 'jaeger',
      OTEL_EXPORTER_JAEGER_AGENT_HOST: 'jaeger',
      OTEL_EXPORTER_JAEGER_AGENT_PORT: '6831',
    }).tracing;

    expect(configured).toMatchObject({ exporter: 'jaeger', jaegerAgentHost: 'jaeger', jaegerAgentPort: 6831 });
    expect(readShopConfig({ ORCHESTRIX_TRACING: 'jaeger' }).tracing).toMatchObject({
      jaegerAgentHost: 'localhost',
      jaegerAgentPort: 6832,
    });
  });

  it.each([
    [{ ORCHESTRIX_STORE: 'mongo' }, 'ORCHESTRIX_STORE'],
    [{ PORT: 'http' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ ORCHESTRIX_TRACING: 'zipkin' }, 'ORCHESTRIX_TRACING'],
    [{ ORCHESTRIX_TRACING: 'jaeger', OTEL_EXPORTER_JAEGER_AGENT_PORT: '0' }, 'OTEL_EXPORTER_JAEGER_AGENT_PORT'],
  ])('refuses %o, naming the variable', (env, field) => {
    let thrown: unknown;

    try {
      readShopConfig(env);
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(ValidationError);
    expect(thrown).toMatchObject({ code: 'VALIDATION', field });
  });
});
