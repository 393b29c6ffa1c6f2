import type { Metrics, Span, SpanOptions, Tracer } from '@orchestrix/core';

/** A started span as the recording tracer saw it. */
export interface RecordedSpan {
  readonly name: string;
  readonly options: SpanOptions | undefined;
  readonly traceparent: string;
  readonly errors: unknown[];
  ended: boolean;
}

/** A tracer that records every span; span `n` has span id `n` in hex. */
export function recordingTracer(): Tracer & { readonly spans: RecordedSpan[] } {
  const spans: RecordedSpan[] = [];
  return {
    spans,
    startSpan(name: string, options?: SpanOptions): Span {
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const recorded: RecordedSpan = {
        name,
        options,
        traceparent: `00-${traceId}-${(spans.length + 1).toString(16).padStart(16, '0')}-01`,
        errors: [],
        ended: false,
      };
      spans.push(recorded);
      return {
        traceId,
        traceparent: recorded.traceparent,
        setAttribute: () => undefined,
        recordError: (error) => recorded.errors.push(error),
        end: () => {
          recorded.ended = true;
        },
      };
    },
  };
}

/** One call of a saga metrics hook. */
export interface RecordedSample {
  readonly hook: string;
  readonly sample: Readonly<Record<string, unknown>>;
}

/** Metrics that record every saga hook call, tagged with the hook's name. */
export function recordingMetrics(): Metrics & { readonly samples: RecordedSample[] } {
  const samples: RecordedSample[] = [];
  return {
    samples,
    sagaStarted: (sample) => samples.push({ hook: 'sagaStarted', sample }),
    sagaStepFinished: (sample) => samples.push({ hook: 'sagaStepFinished', sample }),
    sagaCompensated: (sample) => samples.push({ hook: 'sagaCompensated', sample }),
    sagaFinished: (sample) => samples.push({ hook: 'sagaFinished', sample }),
  };
}
