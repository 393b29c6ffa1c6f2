import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { type Clock, runInMessageContext, ValidationError } from '@orchestrix/core';
import { InMemoryMessageBus } from '@orchestrix/memory';
import { initTracing, StructuredLogger, TracingConfig } from '@orchestrix/observability';
import { describe, expect, it } from 'vitest';
import { PlaceOrder } from '../tracing/support/order';

const fixedClock: Clock = {
  now: () => new Date('2024-05-01T12:00:00.000Z'),
  sleep: async () => undefined,
  timeoutSignal: () => new AbortController().signal,
};

function recordingLogger(level: 'debug' | 'info' = 'info') {
  const lines: string[] = [];
  const logger = new StructuredLogger('billing', { level, clock: fixedClock, write: (line) => lines.push(line) });
  const entries = (): Record<string, unknown>[] => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, entries };
}

function tracing() {
  const exporter = new InMemorySpanExporter();
  const tracer = initTracing(new TracingConfig({ serviceName: 'billing-service', exporter }));
  return { tracer, exporter };
}

describe('StructuredLogger', () => {
  it('adds trace_id and span_id of the active span after the core fields', async () => {
    const { tracer, exporter } = tracing();
    const { logger, lines } = recordingLogger();

    await tracer.span('charge', {}, async () => logger.info('Charged', { orderId: 'order-1' }));

    const { traceId, spanId } = exporter.getFinishedSpans()[0]?.spanContext() ?? {};
    expect(lines).toEqual([
      `{"time":"2024-05-01T12:00:00.000Z","level":"info","logger":"billing","message":"Charged","trace_id":"${traceId}","span_id":"${spanId}","orderId":"order-1"}\n`,
    ]);
  });

  it('writes neither field outside any span, exactly as core’s getLogger', () => {
    const { logger, lines } = recordingLogger();

    logger.warn('Idle', { password: 'hunter2' });

    expect(lines).toEqual([
      '{"time":"2024-05-01T12:00:00.000Z","level":"warn","logger":"billing","message":"Idle","password":"[REDACTED]"}\n',
    ]);
  });

  it('takes the trace of the message being handled when no OpenTelemetry span is active', () => {
    const { logger, entries } = recordingLogger();
    const command = PlaceOrder(
      { orderId: 'order-1', totalAmount: 10 },
      { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
    );

    runInMessageContext(command, () => logger.info('Handling'));

    expect(entries()[0]).toMatchObject({ trace_id: '0af7651916cd43dd8448eb211c80319c', span_id: 'b7ad6b7169203331' });
  });

  it('logs the bus handler’s span inside a handler', async () => {
    const { tracer, exporter } = tracing();
    const { logger, entries } = recordingLogger();
    const bus = new InMemoryMessageBus({ tracer });
    bus.subscribe(PlaceOrder, () => logger.info('Placing'));

    await tracer.span('POST /orders', {}, () => bus.publish(PlaceOrder({ orderId: 'order-1', totalAmount: 10 })));

    const handler = exporter.getFinishedSpans().find((span) => span.name === 'handle_command:PlaceOrder');
    expect(entries()[0]?.span_id).toBe(handler?.spanContext().spanId);
  });

  it('keeps the trace fields in children, after their bindings', async () => {
    const { tracer } = tracing();
    const { logger, entries } = recordingLogger();

    await tracer.span('charge', {}, async () => logger.child({ tenantId: 'acme' }).info('Charged'));

    expect(Object.keys(entries()[0] ?? {})).toEqual([
      'time',
      'level',
      'logger',
      'message',
      'tenantId',
      'trace_id',
      'span_id',
    ]);
  });

  it('writes nothing below its level and does not read the context', async () => {
    const { tracer } = tracing();
    const { logger, lines } = recordingLogger('info');
    const context = {
      get expensive(): string {
        throw new Error('the context was read');
      },
    };

    await tracer.span('charge', {}, async () => logger.debug('hidden', context));

    expect(lines).toEqual([]);
  });

  it('rejects what getLogger rejects', () => {
    expect(() => new StructuredLogger(' ')).toThrowError(ValidationError);
    expect(() => new StructuredLogger('billing', { level: 'verbose' as 'info' })).toThrowError(
      expect.objectContaining({ field: 'level' }),
    );
  });
});
