import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  ParentBasedSampler,
  type Sampler,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import { RateLimitingSampler } from './rate-limiting-sampler';
import type { TracingConfig } from './tracing-config';

/**
 * The OpenTelemetry sampler for the config's Jaeger-style `samplerType` and `samplerParam`: `const` is
 * always on or always off, whatever the parent decided; `probabilistic` and `ratelimiting` decide for new
 * traces and follow the parent's decision for child spans, so a trace is kept whole or not at all.
 *
 * @internal Used by {@link JaegerTracer}; not part of the public API.
 */
export function createSampler(config: TracingConfig): Sampler {
  switch (config.samplerType) {
    case 'const':
      return config.samplerParam === 1 ? new AlwaysOnSampler() : new AlwaysOffSampler();
    case 'probabilistic':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(config.samplerParam) });
    case 'ratelimiting':
      return new ParentBasedSampler({ root: new RateLimitingSampler(config.samplerParam, config.clock) });
  }
}
