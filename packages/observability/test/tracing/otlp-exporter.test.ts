import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { OrchestrixError, StoreUnavailableError } from '@orchestrix/core';
import { initTracing, TracingConfig } from '@orchestrix/observability';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/** The parts of an OTLP/JSON `ExportTraceServiceRequest` the tests read. */
interface OtlpRequest {
  readonly resourceSpans: readonly {
    readonly resource: { readonly attributes: readonly { key: string; value: { stringValue?: string } }[] };
    readonly scopeSpans: readonly {
      readonly spans: readonly { name: string; traceId: string; spanId: string; parentSpanId?: string }[];
    }[];
  }[];
}

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly path: string | undefined;
  readonly body: OtlpRequest;
}

const servers: Server[] = [];
const sockets: Socket[] = [];
const unhandled: unknown[] = [];
const recordUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};

beforeEach(() => {
  process.on('unhandledRejection', recordUnhandled);
});

afterEach(async () => {
  process.off('unhandledRejection', recordUnhandled);
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** An OTLP/HTTP receiver on 127.0.0.1 that decodes each JSON request and answers 200. */
async function otlpReceiver(): Promise<{ endpoint: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createHttpServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpRequest;
      received.push({ headers: request.headers, path: request.url, body });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const port = await listen(server);
  return { endpoint: `http://127.0.0.1:${port}/v1/traces`, received };
}

/** A port nothing listens on: it was listened on and closed again. */
async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A TCP server that accepts connections and never answers. */
async function silentServer(): Promise<number> {
  return listen(createTcpServer((socket) => sockets.push(socket)));
}

/** Runs 50 traced commands, each with a child span, and returns how long that took in ms. */
async function traceFiftyCommands(tracer: ReturnType<typeof initTracing>): Promise<number> {
  const started = performance.now();
  for (let command = 0; command < 50; command += 1) {
    await tracer.spanCommand('PlaceOrder', `order-${command}`, () => tracer.span('charge_card', {}, () => undefined));
  }
  return performance.now() - started;
}

describe("JaegerTracer with the 'otlp' exporter", () => {
  it('posts its spans as OTLP JSON with the service name and the parent span ids', async () => {
    const receiver = await otlpReceiver();
    const tracer = initTracing(
      new TracingConfig({ serviceName: 'order-service', exporter: 'otlp', otlpEndpoint: receiver.endpoint }),
    );

    await tracer.spanCommand('PlaceOrder', 'order-1', () => tracer.span('charge_card', {}, () => undefined));
    await tracer.forceFlush();

    expect(receiver.received[0]?.headers['content-type']).toBe('application/json');
    expect(receiver.received[0]?.path).toBe('/v1/traces');
    const resourceSpans = receiver.received.flatMap((request) => request.body.resourceSpans);
    const spans = resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans));
    const command = spans.find((span) => span.name === 'handle_command:PlaceOrder');
    const charge = spans.find((span) => span.name === 'charge_card');
    expect(resourceSpans[0]?.resource.attributes).toContainEqual({
      key: 'service.name',
      value: { stringValue: 'order-service' },
    });
    expect(charge?.parentSpanId).toBe(command?.spanId);
    expect(charge?.traceId).toBe(command?.traceId);
    await tracer.shutdown();
  });

  it('neither throws into nor slows the traced code when nothing listens at the endpoint', async () => {
    const port = await closedPort();
    const tracer = initTracing(
      new TracingConfig({
        serviceName: 'order-service',
        exporter: 'otlp',
        otlpEndpoint: `http://127.0.0.1:${port}/v1/traces`,
        exportTimeoutMs: 500,
      }),
    );

    const elapsedMs = await traceFiftyCommands(tracer);
    const flushStarted = performance.now();
    const flush = tracer.forceFlush({ timeoutMs: 1000 });

    expect(elapsedMs).toBeLessThan(1000);
    await expect(flush).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(flush).rejects.toMatchObject({ retryable: true, cause: { code: 'ECONNREFUSED' } });
    expect(performance.now() - flushStarted).toBeLessThan(1500);
    await tracer.shutdown({ timeoutMs: 1000 }).catch(() => undefined);
    expect(unhandled).toEqual([]);
  });

  it('gives up on an endpoint that never answers within the timeout, and never blocks the traced code', async () => {
    const port = await silentServer();
    const tracer = initTracing(
      new TracingConfig({
        serviceName: 'order-service',
        exporter: 'otlp',
        otlpEndpoint: `http://127.0.0.1:${port}/v1/traces`,
        exportTimeoutMs: 300,
      }),
    );

    const elapsedMs = await traceFiftyCommands(tracer);
    const flushStarted = performance.now();
    const flush = tracer.forceFlush({ timeoutMs: 800 });

    expect(elapsedMs).toBeLessThan(1000);
    await expect(flush).rejects.toBeInstanceOf(OrchestrixError);
    await expect(flush).rejects.toMatchObject({ retryable: true });
    expect(performance.now() - flushStarted).toBeLessThan(1500);
    await tracer.shutdown({ timeoutMs: 800 }).catch(() => undefined);
    expect(unhandled).toEqual([]);
  });

  it('rejects a flush that outlives its own timeout with a TimeoutError', async () => {
    const port = await silentServer();
    const tracer = initTracing(
      new TracingConfig({
        serviceName: 'order-service',
        exporter: 'otlp',
        otlpEndpoint: `http://127.0.0.1:${port}/v1/traces`,
        exportTimeoutMs: 5000,
      }),
    );
    await tracer.span('work', {}, () => undefined);

    const flush = tracer.forceFlush({ timeoutMs: 100 });

    await expect(flush).rejects.toMatchObject({ code: 'TIMEOUT', timeoutMs: 100 });
    for (const socket of sockets.splice(0)) socket.destroy();
    await tracer.shutdown({ timeoutMs: 200 }).catch(() => undefined);
    expect(unhandled).toEqual([]);
  });

  it('stops waiting for a flush when the caller’s signal aborts', async () => {
    const port = await silentServer();
    const tracer = initTracing(
      new TracingConfig({
        serviceName: 'order-service',
        exporter: 'otlp',
        otlpEndpoint: `http://127.0.0.1:${port}/v1/traces`,
        exportTimeoutMs: 5000,
      }),
    );
    await tracer.span('work', {}, () => undefined);
    const controller = new AbortController();
    const reason = new Error('shutting down');

    const flush = tracer.forceFlush({ signal: controller.signal });
    controller.abort(reason);

    await expect(flush).rejects.toBe(reason);
    for (const socket of sockets.splice(0)) socket.destroy();
    await tracer.shutdown({ timeoutMs: 200 }).catch(() => undefined);
  });
});
