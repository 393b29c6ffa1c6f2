import type { JaegerTracer } from './jaeger-tracer';

/**
 * What {@link initTracing} remembers between calls: the tracer {@link getTracer} returns, and whether a
 * tracer provider was registered as OpenTelemetry's global one already.
 *
 * @internal Shared by `initTracing` and `getTracer`; not part of the public API.
 */
export const tracingState: { latest: JaegerTracer | undefined; hasRegisteredProvider: boolean } = {
  latest: undefined,
  hasRegisteredProvider: false,
};
