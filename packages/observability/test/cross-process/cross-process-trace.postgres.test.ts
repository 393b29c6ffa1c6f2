// One trace across two processes, joined only by the trace context stored in the events: a writer process
// handles a command (its spans reach this process over OTLP/HTTP), and this process's projection runner,
// reading the stored events from PostgreSQL, opens its delivery span as a child of the writer's command
// span (SPEC §10; issue 8, item 6).
import { fork } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { defineProjection, ProjectionRunner } from '@orchestrix/core';
import { initTracing, TracingConfig } from '@orchestrix/observability';
import { PostgreSQLEventStore } from '@orchestrix/postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const DATABASE_URL = process.env.ORCHESTRIX_TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const PACKAGE = fileURLToPath(new URL('../..', import.meta.url));

interface OtlpSpan {
  readonly name: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
}

interface OtlpRequest {
  readonly resourceSpans: readonly { readonly scopeSpans: readonly { readonly spans: readonly OtlpSpan[] }[] }[];
}

const schema = `orx_xtrace_${process.pid}_${Date.now().toString(36)}`;
const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
const received: OtlpSpan[] = [];
let receiver: Server;
let store: PostgreSQLEventStore;

beforeAll(async () => {
  store = new PostgreSQLEventStore({ connectionString: DATABASE_URL, schema, poolMax: 2 });
  await store.initialize();
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      const parsed = JSON.parse(body) as OtlpRequest;
      received.push(...parsed.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans)));
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await store.close();
  await new Promise((resolve) => receiver.close(resolve));
  await admin.query(`drop schema if exists "${schema}" cascade`);
  await admin.end();
});

/** Runs the writer process to its end: it must report 'done' over IPC, then exit with code 0. */
async function runWriter(otlpEndpoint: string): Promise<void> {
  const child = fork(
    fileURLToPath(new URL('./order-writer-child.ts', import.meta.url)),
    [DATABASE_URL, schema, otlpEndpoint],
    {
      cwd: PACKAGE,
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, TSX_TSCONFIG_PATH: `${PACKAGE}tsconfig.json` },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  // 'close' comes after the IPC channel has delivered every message: a child that never said 'done' fails here.
  const done = new Promise<unknown>((resolve, reject) => {
    child.once('message', resolve);
    child.once('close', (code) => reject(new Error(`order-writer-child closed (code ${code}) without saying done`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const [message, code] = await Promise.all([done, exited]);
  expect(message).toEqual({ kind: 'done' });
  expect(code).toBe(0);
}

describe('a trace across two processes', () => {
  it('makes the projection delivery in this process a child of the command span in the writer process', async () => {
    const { port } = receiver.address() as AddressInfo;
    await runWriter(`http://127.0.0.1:${port}/v1/traces`);
    const command = received.find((span) => span.name === 'handle_command:PlaceOrder');
    const request = received.find((span) => span.name === 'POST /orders');
    expect(command?.parentSpanId).toBe(request?.spanId);
    expect(received.map((span) => span.name)).toEqual(
      expect.arrayContaining(['save_aggregate:Order', 'load_aggregate:Order']),
    );

    const exporter = new InMemorySpanExporter();
    const tracer = initTracing(new TracingConfig({ serviceName: 'order-projector', exporter }));
    const runner = new ProjectionRunner({
      source: store,
      checkpoints: store.checkpoints(),
      projections: [defineProjection({ name: 'orders_view', handlers: { OrderPlaced: () => undefined } })],
      tracer,
    });
    await runner.runUntilCaughtUp();
    await tracer.forceFlush();

    const delivery = exporter.getFinishedSpans().find((span) => span.name === 'process_event:OrderPlaced');
    await tracer.shutdown();
    expect(delivery?.spanContext().traceId).toBe(command?.traceId);
    expect(delivery?.parentSpanContext?.spanId).toBe(command?.spanId);
  });
});
