import { propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { getTracer } from '@orchestrix/observability';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inMemoryTracing } from './support/in-memory-tracing';

describe('initTracing', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('has no tracer for getTracer before the first initTracing', async () => {
    vi.resetModules();

    const fresh = await import('@orchestrix/observability');

    expect(fresh.getTracer()).toBeUndefined();
  });

  it('makes getTracer return the tracer of the latest call', () => {
    const first = inMemoryTracing();
    expect(getTracer()).toBe(first.tracer);

    const second = inMemoryTracing();

    expect(getTracer()).toBe(second.tracer);
  });

  it('gives each tracer its own provider and exporter', async () => {
    const first = inMemoryTracing();
    const second = inMemoryTracing({ serviceName: 'billing-service' });

    await second.tracer.span('charge', {}, () => undefined);

    expect(first.spans()).toEqual([]);
    expect(second.spanNamed('charge').resource.attributes['service.name']).toBe('billing-service');
  });

  it('registers the first tracer’s provider as the global one, and leaves it there', async () => {
    trace.disable();
    vi.resetModules();
    const { initTracing, TracingConfig } = await import('@orchestrix/observability');
    const first = new InMemorySpanExporter();
    const second = new InMemorySpanExporter();
    initTracing(new TracingConfig({ serviceName: 'order-service', exporter: first }));
    initTracing(new TracingConfig({ serviceName: 'order-service', exporter: second }));

    trace.getTracer('http-instrumentation').startSpan('GET /orders').end();

    expect(first.getFinishedSpans().map((span) => span.name)).toEqual(['GET /orders']);
    expect(second.getFinishedSpans()).toEqual([]);
  });

  it('calls the global registrations once, however often it is called', async () => {
    // A fresh module (nothing registered yet) and empty globals: OpenTelemetry refusing a second
    // registration by itself must not hide a second call.
    trace.disable();
    propagation.disable();
    vi.resetModules();
    const { initTracing, TracingConfig } = await import('@orchestrix/observability');
    const setTracerProvider = vi.spyOn(trace, 'setGlobalTracerProvider');
    const setPropagator = vi.spyOn(propagation, 'setGlobalPropagator');

    initTracing(new TracingConfig({ serviceName: 'order-service', exporter: new InMemorySpanExporter() }));
    initTracing(new TracingConfig({ serviceName: 'order-service', exporter: new InMemorySpanExporter() }));

    expect(setTracerProvider).toHaveBeenCalledTimes(1);
    expect(setPropagator).toHaveBeenCalledTimes(1);
  });
});
