import { execFile, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where initdb, pg_ctl and postgres live: `ORCHESTRIX_PG_BIN`, else the Debian PostgreSQL 15 directory. */
const PG_BIN = process.env.ORCHESTRIX_PG_BIN ?? '/usr/lib/postgresql/15/bin';
/** PostgreSQL refuses to run as root: as root, every server command runs as this OS user. */
const SERVER_USER = 'postgres';

/** A throwaway PostgreSQL cluster owned by one test file: its transaction horizon is nobody else's. */
export interface TemporaryCluster {
  /** `postgresql://postgres@127.0.0.1:<port>/postgres`; stays the same across stop and start. */
  readonly connectionString: string;
  /** Stops the server: `fast` rolls back sessions and checkpoints, `immediate` kills it like a crash. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts the stopped server again on the same port (after `immediate`, with crash recovery). */
  start(): Promise<void>;
  /** Stops the server at once and removes every file of the cluster; safe to call twice. */
  destroy(): Promise<void>;
}

/** Clusters not destroyed yet, killed when the test process exits however it exits. */
const live = new Set<{ readonly dataDir: string; readonly root: string }>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const cluster of live) {
      spawnSync(...asServerUser(join(PG_BIN, 'pg_ctl'), ['-D', cluster.dataDir, '-m', 'immediate', '-w', 'stop']), {
        stdio: 'ignore',
      });
      rmSync(cluster.root, { recursive: true, force: true });
    }
  });
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

function asServerUser(command: string, args: readonly string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', SERVER_USER, '--', command, ...args]] : [command, [...args]];
}

async function runAsServerUser(command: string, args: readonly string[]): Promise<void> {
  const [file, fileArgs] = asServerUser(join(PG_BIN, command), args);
  try {
    await run(file, fileArgs, { timeout: 60_000 });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`${command} ${args.join(' ')} failed: ${stderr || stdout || String(error)}`, { cause: error });
  }
}

function serverUserIds(): { uid: number; gid: number } {
  const uid = Number(spawnSync('id', ['-u', SERVER_USER], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', SERVER_USER], { encoding: 'utf8' }).stdout.trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid))
    throw new Error(`no OS user "${SERVER_USER}" to run PostgreSQL`);
  return { uid, gid };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no free port')),
      );
    });
  });
}

export interface TemporaryClusterOptions {
  /** More server settings, e.g. `{ autovacuum: 'off' }` so no background transaction moves the horizon. */
  readonly settings?: Readonly<Record<string, string>>;
}

/**
 * Initializes and starts a PostgreSQL cluster in a new temporary directory, on a free loopback port,
 * with trust authentication, `fsync=on` and `synchronous_commit=on`. Only initdb skips fsync (its files
 * are flushed by the first checkpoint anyway). Call `destroy()` in `afterAll`; a process exit kills it too.
 *
 * @throws when the PostgreSQL binaries are missing or the server does not start (never a skip).
 */
export async function startTemporaryCluster(options: TemporaryClusterOptions = {}): Promise<TemporaryCluster> {
  if (!existsSync(join(PG_BIN, 'pg_ctl'))) {
    throw new Error(`No PostgreSQL binaries in ${PG_BIN}: install PostgreSQL 15 or set ORCHESTRIX_PG_BIN.`);
  }
  installExitHook();
  // Short: the Unix socket path must fit in 107 bytes.
  const root = mkdtempSync(join(tmpdir(), 'orx-pg-'));
  const dataDir = join(root, 'data');
  const socketDir = join(root, 'socket');
  const logFile = join(root, 'server.log');
  mkdirSync(socketDir);
  if (isRoot()) {
    const { uid, gid } = serverUserIds();
    chownSync(root, uid, gid);
    chownSync(socketDir, uid, gid);
  }
  const entry = { dataDir, root };
  live.add(entry);
  let port = 0;
  let destroyed = false;

  const start = async (): Promise<void> => {
    const serverOptions = [
      `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on`,
      ...Object.entries(options.settings ?? {}).map(([name, value]) => `-c ${name}=${value}`),
    ].join(' ');
    try {
      await runAsServerUser('pg_ctl', ['-D', dataDir, '-l', logFile, '-o', serverOptions, '-t', '30', '-w', 'start']);
    } catch (error) {
      const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
      throw new Error(`PostgreSQL did not start on port ${port}:\n${log}`, { cause: error });
    }
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast'): Promise<void> => {
    await runAsServerUser('pg_ctl', ['-D', dataDir, '-m', mode, '-t', '30', '-w', 'stop']);
  };
  const destroy = async (): Promise<void> => {
    if (destroyed) return;
    destroyed = true;
    try {
      if (existsSync(join(dataDir, 'postmaster.pid'))) await stop('immediate');
    } finally {
      rmSync(root, { recursive: true, force: true });
      live.delete(entry);
    }
  };

  try {
    await runAsServerUser('initdb', [
      '-D',
      dataDir,
      '-U',
      SERVER_USER,
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    // Another process may take the free port between the probe and the bind: try a few.
    for (let attempt = 1; ; attempt += 1) {
      port = await freePort();
      try {
        await start();
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  } catch (error) {
    await destroy();
    throw error;
  }

  return {
    connectionString: `postgresql://${SERVER_USER}@127.0.0.1:${port}/postgres`,
    stop,
    start,
    destroy,
  };
}
