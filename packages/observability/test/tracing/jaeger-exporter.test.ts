import { createSocket, type Socket } from 'node:dgram';
import { initTracing, TracingConfig } from '@orchestrix/observability';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** A UDP socket on 127.0.0.1 standing in for the Jaeger agent, collecting every packet it receives. */
async function fakeJaegerAgent(): Promise<{ socket: Socket; port: number; packets: Buffer[] }> {
  const socket = createSocket('udp4');
  const packets: Buffer[] = [];
  socket.on('message', (packet) => packets.push(packet));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { socket, port: socket.address().port, packets };
}

describe("JaegerTracer with the 'jaeger' exporter", () => {
  const sockets: Socket[] = [];
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });

  it('sends its spans in Thrift batches to the agent at the configured host and port', async () => {
    const agent = await fakeJaegerAgent();
    sockets.push(agent.socket);
    const tracer = initTracing(
      new TracingConfig({ serviceName: 'order-service', jaegerAgentHost: '127.0.0.1', jaegerAgentPort: agent.port }),
    );

    const traceId = await tracer.spanCommand('PlaceOrder', 'order-1', () =>
      tracer.span('charge_card', {}, () => tracer.getTraceId()),
    );
    await tracer.forceFlush();
    await vi.waitFor(() => expect(agent.packets.length).toBeGreaterThan(0));

    const bytes = Buffer.concat(agent.packets);
    expect(bytes.includes('handle_command:PlaceOrder')).toBe(true);
    expect(bytes.includes('charge_card')).toBe(true);
    expect(bytes.includes('order-service')).toBe(true);
    expect(bytes.includes(Buffer.from(traceId ?? '', 'hex').subarray(8))).toBe(true);
    await tracer.shutdown();
  });

  it('speaks Thrift binary (the agent’s port 6832), an emitBatch one-way call per packet', async () => {
    const agent = await fakeJaegerAgent();
    sockets.push(agent.socket);
    const tracer = initTracing(
      new TracingConfig({ serviceName: 'order-service', jaegerAgentHost: '127.0.0.1', jaegerAgentPort: agent.port }),
    );

    await tracer.span('work', {}, () => undefined);
    await tracer.forceFlush();
    await vi.waitFor(() => expect(agent.packets.length).toBeGreaterThan(0));

    const [packet] = agent.packets;
    expect(packet?.subarray(0, 4)).toEqual(Buffer.from([0x80, 0x01, 0x00, 0x04]));
    expect(packet?.subarray(8, 17).toString()).toBe('emitBatch');
    await tracer.shutdown();
  });

  it('neither waits for nor fails on an agent that is not there: UDP sends and forgets', async () => {
    const agent = await fakeJaegerAgent();
    const port = agent.port;
    agent.socket.close();
    const tracer = initTracing(
      new TracingConfig({ serviceName: 'order-service', jaegerAgentHost: '127.0.0.1', jaegerAgentPort: port }),
    );

    const result = await tracer.span('work', {}, () => 'done');

    expect(result).toBe('done');
    await expect(tracer.forceFlush({ timeoutMs: 2000 })).resolves.toBeUndefined();
    await expect(tracer.shutdown({ timeoutMs: 2000 })).resolves.toBeUndefined();
  });
});
