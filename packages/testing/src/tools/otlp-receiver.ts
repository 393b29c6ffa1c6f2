import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A span as an OTLP/HTTP JSON export carries it, with the `service.name` of its resource. */
export interface ReceivedSpan {
  readonly serviceName: string;
  readonly name: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | undefined;
}

/** An OTLP/HTTP traces endpoint on 127.0.0.1 that keeps what it receives. */
export interface OtlpReceiver {
  /** e.g. `http://127.0.0.1:41234/v1/traces`. */
  readonly endpoint: string;
  /** Every span received so far. */
  spans(): readonly ReceivedSpan[];
  close(): Promise<void>;
}

interface ExportRequest {
  readonly resourceSpans?: readonly {
    readonly resource?: { readonly attributes?: readonly { key: string; value: { stringValue?: string } }[] };
    readonly scopeSpans?: readonly {
      readonly spans?: readonly { name: string; traceId: string; spanId: string; parentSpanId?: string }[];
    }[];
  }[];
}

/**
 * Starts an OTLP/HTTP receiver for JSON exports on a free port of 127.0.0.1; it answers every export with
 * 200. Point an OTLP exporter (e.g. `@orchestrix/observability`'s `exporter: 'otlp'`) at `endpoint` and
 * assert the spans a process sent, its service name and parent ids.
 *
 * @example
 * const receiver = await startOtlpReceiver();
 * // run the code under test with OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=receiver.endpoint, then:
 * expect(receiver.spans().map((span) => span.name)).toContain('handle_command:PlaceOrder');
 * await receiver.close();
 */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const received: ReceivedSpan[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      const exported = JSON.parse(body) as ExportRequest;
      for (const resourceSpans of exported.resourceSpans ?? []) {
        const service = resourceSpans.resource?.attributes?.find((attribute) => attribute.key === 'service.name');
        for (const scope of resourceSpans.scopeSpans ?? []) {
          for (const span of scope.spans ?? []) {
            received.push({
              serviceName: service?.value.stringValue ?? '',
              name: span.name,
              traceId: span.traceId,
              spanId: span.spanId,
              parentSpanId: span.parentSpanId === '' ? undefined : span.parentSpanId,
            });
          }
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/v1/traces`,
    spans: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
