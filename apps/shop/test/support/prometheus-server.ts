import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A Prometheus server run from the Debian binary, on 127.0.0.1, with its data in a temporary directory. */
export interface PrometheusServer {
  /** e.g. `http://127.0.0.1:41234`. */
  readonly baseUrl: string;
  /** Runs an instant PromQL query through the HTTP API and returns its vector's samples. */
  query(promql: string): Promise<readonly { readonly metric: Record<string, string>; readonly value: number }[]>;
  /** The scrape targets' health and last scrape, from `/api/v1/targets`. */
  targets(): Promise<readonly { readonly health: string; readonly lastScrape: Date; readonly lastError: string }[]>;
  /** Every loaded rule's name and health (`ok`, `err`, or `unknown` before its first evaluation). */
  rules(): Promise<readonly { readonly name: string; readonly health: string; readonly lastError: string }[]>;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s) and removes its directory. */
  stop(): Promise<void>;
  /** Everything it logged. */
  log(): string;
}

/** Options of {@link startPrometheus}. */
export interface PrometheusOptions {
  /** The `prometheus` binary. */
  readonly binary: string;
  /** The `host:port` to scrape, as job `shop`, every second. */
  readonly target: string;
  /** Rule files to load, by absolute path. */
  readonly ruleFiles?: readonly string[];
}

/** A port nobody listens on right now, on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('No port was assigned');
  return address.port;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function configOf(options: PrometheusOptions): string {
  const rules = (options.ruleFiles ?? []).map((file) => `  - ${JSON.stringify(file)}\n`).join('');
  return [
    'global:',
    '  scrape_interval: 1s',
    '  scrape_timeout: 1s',
    '  evaluation_interval: 1s',
    ...(rules === '' ? [] : ['rule_files:', rules.trimEnd()]),
    'scrape_configs:',
    '  - job_name: shop',
    '    static_configs:',
    `      - targets: [${JSON.stringify(options.target)}]`,
    '',
  ].join('\n');
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(killer);
}

/**
 * Starts Prometheus on 127.0.0.1 at a free port, scraping `options.target` every second, and resolves once
 * it answers `/-/ready`.
 *
 * @throws when it exits or is not ready within 15 s; nothing is left running then.
 */
export async function startPrometheus(options: PrometheusOptions): Promise<PrometheusServer> {
  const directory = await mkdtemp(path.join(tmpdir(), 'orchestrix-prometheus-'));
  const configFile = path.join(directory, 'prometheus.yml');
  await writeFile(configFile, configOf(options));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(
    options.binary,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${path.join(directory, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const stop = async (): Promise<void> => {
    await stopProcess(child);
    await rm(directory, { recursive: true, force: true });
  };

  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`Prometheus did not become ready at ${baseUrl}:\n${log}`);
    }
    const ready = await fetch(`${baseUrl}/-/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    await delay(100);
  }

  const api = async (endpoint: string): Promise<unknown> => {
    const response = await fetch(`${baseUrl}${endpoint}`);
    const body = (await response.json()) as { status?: string; data?: unknown; error?: string };
    if (body.status !== 'success') throw new Error(`Prometheus ${endpoint} failed: ${body.error ?? response.status}`);
    return body.data;
  };
  return {
    baseUrl,
    log: () => log,
    stop,
    query: async (promql) => {
      const data = (await api(`/api/v1/query?query=${encodeURIComponent(promql)}`)) as {
        resultType: string;
        result: { metric: Record<string, string>; value: [number, string] }[];
      };
      if (data.resultType !== 'vector') throw new Error(`${promql} returned a ${data.resultType}, not a vector`);
      return data.result.map(({ metric, value }) => ({ metric, value: Number(value[1]) }));
    },
    targets: async () => {
      const data = (await api('/api/v1/targets')) as {
        activeTargets: { health: string; lastScrape: string; lastError: string }[];
      };
      return data.activeTargets.map((target) => ({
        health: target.health,
        lastScrape: new Date(target.lastScrape),
        lastError: target.lastError,
      }));
    },
    rules: async () => {
      const data = (await api('/api/v1/rules')) as {
        groups: { rules: { name: string; health: string; lastError?: string }[] }[];
      };
      return data.groups.flatMap((group) =>
        group.rules.map((rule) => ({ name: rule.name, health: rule.health, lastError: rule.lastError ?? '' })),
      );
    },
  };
}
