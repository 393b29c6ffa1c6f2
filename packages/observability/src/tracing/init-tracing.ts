import { propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { JaegerTracer } from './jaeger-tracer';
import type { TracingConfig } from './tracing-config';
import { tracingState } from './tracing-state';

/**
 * Builds a {@link JaegerTracer} with its own tracer provider and makes it the one {@link getTracer}
 * returns. The first call in a process also registers its provider as OpenTelemetry's global one, the W3C
 * trace-context propagator as the global propagator, and an AsyncLocalStorage context manager (each unless
 * another library registered one first); later calls leave the globals alone.
 *
 * @throws {@link ValidationError} when `config` is not a {@link TracingConfig}.
 * @example
 * const tracer = initTracing(new TracingConfig({ serviceName: 'order-service', exporter: 'otlp' }));
 * await tracer.spanCommand('PlaceOrder', 'order-1', () => bus.publish(PlaceOrder({ orderId: 'order-1' })));
 * await tracer.shutdown(); // on exit: exports what is left
 */
export function initTracing(config: TracingConfig): JaegerTracer {
  const tracer = new JaegerTracer(config);
  if (!tracingState.hasRegisteredProvider) {
    tracingState.hasRegisteredProvider = true;
    trace.setGlobalTracerProvider(tracer.tracerProvider);
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  }
  tracingState.latest = tracer;
  return tracer;
}
