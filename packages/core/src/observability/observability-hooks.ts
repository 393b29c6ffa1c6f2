import type { Metrics } from './metrics';
import type { Tracer } from './tracer';

/**
 * The hooks a component reports to: what `@orchestrix/observability`'s `instrument*` functions attach to
 * an already-built repository, projection runner or saga through its `observe` method.
 */
export interface ObservabilityHooks {
  readonly metrics?: Metrics;
  readonly tracer?: Tracer;
}
