import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startOtlpReceiver } from '@orchestrix/testing';
import { describe, expect, it } from 'vitest';

const REPOSITORY_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const run = promisify(execFile);

describe('pnpm demo with ORCHESTRIX_TRACING=otlp', () => {
  it('sends the spans of its commands, handlers, store calls and sagas to the OTLP endpoint', async () => {
    const receiver = await startOtlpReceiver();
    try {
      const { stdout } = await run('pnpm', ['demo'], {
        cwd: REPOSITORY_ROOT,
        timeout: 60_000,
        env: { ...process.env, ORCHESTRIX_TRACING: 'otlp', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: receiver.endpoint },
      });

      const spans = receiver.spans();
      const placeOrder = spans.find((span) => span.name === 'publish:PlaceOrder');
      const names = new Set(spans.filter((span) => span.traceId === placeOrder?.traceId).map((span) => span.name));
      expect(stdout).toContain('tracing: OTLP as orchestrix-demo.');
      expect(new Set(spans.map((span) => span.serviceName))).toEqual(new Set(['orchestrix-demo']));
      expect([...names]).toEqual(
        expect.arrayContaining([
          'publish:PlaceOrder',
          'handle_command:PlaceOrder',
          'event_store.save',
          'publish:OrderPlaced',
          'publish:PayOrder',
          'handle_command:ConfirmOrder',
        ]),
      );
      expect(spans.filter((span) => span.name === 'execute_saga:OrderSaga')).toHaveLength(2);
    } finally {
      await receiver.close();
    }
  }, 60_000);
});
