import type { JaegerTracer } from './jaeger-tracer';
import { tracingState } from './tracing-state';

/**
 * Returns the tracer of the latest {@link initTracing} call, or `undefined` before the first one.
 *
 * @example getTracer()?.setAttribute('order.id', orderId);
 */
export function getTracer(): JaegerTracer | undefined {
  return tracingState.latest;
}
