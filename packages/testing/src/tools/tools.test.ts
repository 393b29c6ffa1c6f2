import { afterEach, describe, expect, it, vi } from 'vitest';
import { locateBinary } from './locate-binary';
import { startOtlpReceiver } from './otlp-receiver';
import { requireBinary } from './require-binary';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('requireBinary', () => {
  it('finds a program on the PATH', () => {
    const skip = vi.fn((note?: string): never => {
      throw new Error(`skipped: ${note}`);
    });
    expect(requireBinary('node', 'nodejs', { skip })).toBe(locateBinary('node'));
    expect(locateBinary('node')).toMatch(/node$/);
    expect(skip).not.toHaveBeenCalled();
  });

  it('skips outside CI and fails in CI when the program is missing, naming the package', () => {
    const skip = (note?: string): never => {
      throw new Error(`skipped: ${note}`);
    };
    vi.stubEnv('CI', '');
    expect(() => requireBinary('no-such-program-here', 'prometheus', { skip })).toThrow(
      /^skipped: .*install Debian's package prometheus/,
    );
    vi.stubEnv('CI', 'true');
    expect(() => requireBinary('no-such-program-here', 'prometheus', { skip })).toThrow(
      /prometheus.*In CI a missing binary is a failure/,
    );
  });
});

describe('startOtlpReceiver', () => {
  it('keeps the spans of the OTLP/HTTP JSON exports it receives, with their service name and parents', async () => {
    const receiver = await startOtlpReceiver();
    try {
      const response = await fetch(receiver.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          resourceSpans: [
            {
              resource: { attributes: [{ key: 'service.name', value: { stringValue: 'order-service' } }] },
              scopeSpans: [
                {
                  spans: [
                    { name: 'root', traceId: 'aa', spanId: '01', parentSpanId: '' },
                    { name: 'child', traceId: 'aa', spanId: '02', parentSpanId: '01' },
                  ],
                },
              ],
            },
          ],
        }),
      });
      expect(response.status).toBe(200);
      expect(receiver.spans()).toEqual([
        { serviceName: 'order-service', name: 'root', traceId: 'aa', spanId: '01', parentSpanId: undefined },
        { serviceName: 'order-service', name: 'child', traceId: 'aa', spanId: '02', parentSpanId: '01' },
      ]);
    } finally {
      await receiver.close();
    }
  });
});
