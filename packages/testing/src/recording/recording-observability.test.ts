import { describe, expect, it } from 'vitest';
import { recordingMetrics } from './recording-metrics';
import { RecordingTracer } from './recording-tracer';

describe('recordingMetrics', () => {
  it('records each hook call with its name and sample, in order', () => {
    const metrics = recordingMetrics();

    metrics.messagePublished({ kind: 'event', messageType: 'OrderPlaced', status: 'success', durationMs: 1 });
    metrics.sagaFinished({ sagaType: 'OrderSaga', status: 'completed', durationMs: 2 });

    expect(metrics.samples.map((recorded) => recorded.hook)).toEqual(['messagePublished', 'sagaFinished']);
    expect(metrics.samples[1]?.sample).toEqual({ sagaType: 'OrderSaga', status: 'completed', durationMs: 2 });
  });
});

describe('RecordingTracer', () => {
  it('records spans with numbered traceparents, their errors and whether they ended', () => {
    const tracer = new RecordingTracer();

    const first = tracer.startSpan('process_event:OrderPlaced', { kind: 'consumer' });
    const second = tracer.startSpan('handle_command:PlaceOrder');
    second.recordError(new Error('refused'));
    first.end();

    expect(tracer.spans.map((span) => [span.name, span.ended, span.errors.length])).toEqual([
      ['process_event:OrderPlaced', true, 0],
      ['handle_command:PlaceOrder', false, 1],
    ]);
    expect(second.traceparent).toMatch(/^00-[0-9a-f]{32}-0000000000000002-01$/);
  });
});
