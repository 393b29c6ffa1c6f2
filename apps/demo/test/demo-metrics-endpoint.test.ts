import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDemoOutput } from './demo-output';

const SERVING = /Serving the metrics on (http:\/\/127\.0\.0\.1:\d+\/metrics) until Ctrl-C\./;

describe('pnpm demo with ORCHESTRIX_METRICS_PORT', () => {
  it('serves the registry it counted into on /metrics after the run, and stops on SIGINT', async () => {
    const child = spawn('node', ['--import', 'tsx', 'src/main.ts'], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: { ...process.env, ORCHESTRIX_METRICS_PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const match = SERVING.exec(output);
        if (match?.[1] !== undefined) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`the demo exited (${String(code)}) before serving:\n${output}`)));
    });

    const response = await fetch(url);
    const text = await response.text();
    const missing = await fetch(url.replace('/metrics', '/nothing'));
    child.kill('SIGINT');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const commands = [...text.matchAll(/^orchestrix_core_commands_total\{[^}]*\} (\d+)$/gm)].reduce(
      (sum, match) => sum + Number(match[1]),
      0,
    );
    expect(commands).toBe(parseDemoOutput(output).summary.metrics.commands.handled);
    expect(missing.status).toBe(404);
    expect(await exited).toBe(0);
  }, 60_000);
});
