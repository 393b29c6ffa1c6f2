import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { type Clock, type SpanAttributes, systemClock, ValidationError, validateNotEmpty } from '@orchestrix/core';

/**
 * How traces are sampled, as in Jaeger: `const` keeps every trace (`samplerParam` 1) or none (0);
 * `probabilistic` keeps the share `samplerParam` (0 to 1) of new traces; `ratelimiting` keeps at most
 * `samplerParam` new traces per second. Both of the latter follow the parent's decision for child spans.
 */
export type SamplerType = 'const' | 'probabilistic' | 'ratelimiting';

/**
 * Where spans go: `'jaeger'` (a Jaeger agent over UDP), `'otlp'` (OTLP/HTTP with JSON, which Jaeger ≥ 1.35
 * and every OpenTelemetry collector ingest) or any OpenTelemetry `SpanExporter`, e.g. the SDK's
 * `InMemorySpanExporter` in tests.
 */
export type TracingExporter = 'jaeger' | 'otlp' | SpanExporter;

/** Options of {@link TracingConfig}; only `serviceName` is required. */
export interface TracingConfigOptions {
  /** The `service.name` of every span, e.g. `order-service`. */
  readonly serviceName: string;
  /** Host of the Jaeger agent (exporter `'jaeger'`). Default `'localhost'`. */
  readonly jaegerAgentHost?: string;
  /**
   * UDP port of the Jaeger agent (exporter `'jaeger'`). Default `6832`: the exporter sends Thrift binary,
   * which the agent reads on 6832; its port 6831 reads only Thrift compact.
   */
  readonly jaegerAgentPort?: number;
  /** Default `'const'`. */
  readonly samplerType?: SamplerType;
  /** Default `1`: with `const`, every trace. See {@link SamplerType} for its meaning per sampler. */
  readonly samplerParam?: number;
  /** Default `'jaeger'`. */
  readonly exporter?: TracingExporter;
  /**
   * URL the `'otlp'` exporter posts to. Default: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, else
   * `http://localhost:4318/v1/traces`. Only valid with exporter `'otlp'`.
   */
  readonly otlpEndpoint?: string;
  /** More resource attributes for every span, e.g. `{ 'service.version': '1.4.0' }`. */
  readonly resourceAttributes?: SpanAttributes;
  /** How long one export may take before it is given up, and the default budget of `forceFlush`. Default 10 000. */
  readonly exportTimeoutMs?: number;
  /** How long the `'jaeger'` and `'otlp'` exporters collect ended spans before sending them. Default 5 000. */
  readonly batchDelayMs?: number;
  /**
   * Whether an exporter you pass gets spans in batches, in the background (`true`), or each span as it
   * ends (`false`, the default: what an `InMemorySpanExporter` in a test wants). `'jaeger'` and `'otlp'`
   * always batch.
   */
  readonly batchSpans?: boolean;
  /** Time for the rate-limiting sampler and flush timeouts; default core's `systemClock`. */
  readonly clock?: Clock;
}

const SAMPLER_TYPES: readonly SamplerType[] = ['const', 'probabilistic', 'ratelimiting'];

function isSpanExporter(value: unknown): value is SpanExporter {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<'export' | 'shutdown', unknown>>;
  return typeof candidate.export === 'function' && typeof candidate.shutdown === 'function';
}

function validateSamplerParam(samplerType: SamplerType, samplerParam: number): void {
  const isNumber = typeof samplerParam === 'number' && Number.isFinite(samplerParam);
  if (samplerType === 'const' && samplerParam !== 0 && samplerParam !== 1) {
    throw new ValidationError(
      'samplerParam',
      samplerParam,
      'samplerParam must be 0 (keep no trace) or 1 (keep every trace) for the const sampler: use probabilistic for a share',
    );
  }
  if (samplerType === 'probabilistic' && (!isNumber || samplerParam < 0 || samplerParam > 1)) {
    throw new ValidationError(
      'samplerParam',
      samplerParam,
      'samplerParam must be between 0 and 1 for the probabilistic sampler: it is the share of traces kept, e.g. 0.1',
    );
  }
  if (samplerType === 'ratelimiting' && (!isNumber || samplerParam < 0)) {
    throw new ValidationError(
      'samplerParam',
      samplerParam,
      'samplerParam must be a number of traces per second, 0 or more, for the ratelimiting sampler',
    );
  }
}

function validatePositiveInteger(value: number, field: string, meaning: string): void {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new ValidationError(field, value, `${field} must be a whole number of milliseconds above 0: ${meaning}`);
  }
}

function validateOtlpEndpoint(otlpEndpoint: string | undefined, exporter: TracingExporter): void {
  if (otlpEndpoint === undefined) return;
  if (exporter !== 'otlp') {
    throw new ValidationError(
      'otlpEndpoint',
      otlpEndpoint,
      "otlpEndpoint is used only by the OTLP exporter: set exporter: 'otlp', or drop otlpEndpoint",
    );
  }
  const url = URL.canParse(otlpEndpoint) ? new URL(otlpEndpoint) : undefined;
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ValidationError(
      'otlpEndpoint',
      otlpEndpoint,
      'otlpEndpoint must be an http:// or https:// URL, e.g. http://localhost:4318/v1/traces',
    );
  }
}

/**
 * The settings of {@link initTracing}, checked when constructed and frozen.
 *
 * @throws {@link ValidationError} naming the field (`serviceName`, `jaegerAgentHost`, `jaegerAgentPort`,
 * `samplerType`, `samplerParam`, `exporter`, `otlpEndpoint`, `exportTimeoutMs`, `batchDelayMs`) when a value
 * cannot work, e.g. `samplerParam` outside 0 to 1 for the probabilistic sampler.
 * @example
 * const config = new TracingConfig({ serviceName: 'order-service', samplerType: 'probabilistic', samplerParam: 0.1 });
 */
export class TracingConfig {
  readonly serviceName: string;
  readonly jaegerAgentHost: string;
  readonly jaegerAgentPort: number;
  readonly samplerType: SamplerType;
  readonly samplerParam: number;
  readonly exporter: TracingExporter;
  /** `undefined` unless given: the OTLP exporter then reads its environment variables or its default. */
  readonly otlpEndpoint: string | undefined;
  readonly resourceAttributes: SpanAttributes;
  readonly exportTimeoutMs: number;
  readonly batchDelayMs: number;
  readonly batchSpans: boolean;
  readonly clock: Clock;

  constructor(options: TracingConfigOptions) {
    const {
      serviceName,
      jaegerAgentHost = 'localhost',
      jaegerAgentPort = 6832,
      samplerType = 'const',
      samplerParam = 1,
      exporter = 'jaeger',
      otlpEndpoint,
      resourceAttributes = {},
      exportTimeoutMs = 10_000,
      batchDelayMs = 5_000,
      batchSpans = false,
      clock = systemClock,
    } = options;
    validateNotEmpty(serviceName, 'serviceName');
    validateNotEmpty(jaegerAgentHost, 'jaegerAgentHost');
    if (!Number.isInteger(jaegerAgentPort) || jaegerAgentPort < 1 || jaegerAgentPort > 65_535) {
      throw new ValidationError(
        'jaegerAgentPort',
        jaegerAgentPort,
        'jaegerAgentPort must be a whole number from 1 to 65535: the UDP port of the Jaeger agent, 6832 by default',
      );
    }
    if (!SAMPLER_TYPES.includes(samplerType)) {
      throw new ValidationError('samplerType', samplerType, `samplerType must be one of: ${SAMPLER_TYPES.join(', ')}`);
    }
    validateSamplerParam(samplerType, samplerParam);
    if (exporter !== 'jaeger' && exporter !== 'otlp' && !isSpanExporter(exporter)) {
      throw new ValidationError(
        'exporter',
        exporter,
        "exporter must be 'jaeger', 'otlp' or an OpenTelemetry SpanExporter (an object with export and shutdown)",
      );
    }
    validateOtlpEndpoint(otlpEndpoint, exporter);
    validatePositiveInteger(exportTimeoutMs, 'exportTimeoutMs', 'how long one export of spans may take');
    validatePositiveInteger(batchDelayMs, 'batchDelayMs', 'how long ended spans wait to be sent together');
    this.serviceName = serviceName;
    this.jaegerAgentHost = jaegerAgentHost;
    this.jaegerAgentPort = jaegerAgentPort;
    this.samplerType = samplerType;
    this.samplerParam = samplerParam;
    this.exporter = exporter;
    this.otlpEndpoint = otlpEndpoint;
    this.resourceAttributes = Object.freeze({ ...resourceAttributes });
    this.exportTimeoutMs = exportTimeoutMs;
    this.batchDelayMs = batchDelayMs;
    this.batchSpans = batchSpans;
    this.clock = clock;
    Object.freeze(this);
  }
}
