import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SHOP_DIRECTORY = fileURLToPath(new URL('../..', import.meta.url));
const TSX = fileURLToPath(new URL('../../../../node_modules/.bin/tsx', import.meta.url));
const LISTENING = /Shop listening on (http:\/\/127\.0\.0\.1:\d+)/;

/** `src/main.ts` running as its own process, as `pnpm start` runs it. */
export interface MainProcess {
  /** Where it listens, e.g. `http://127.0.0.1:40213`. */
  readonly baseUrl: string;
  /** Everything it wrote to stdout so far. */
  stdout(): string;
  /** Sends `signal` and resolves with the exit code once the process ended. */
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

/** Starts `src/main.ts` with `env` added to this process's environment and `PORT=0`; resolves once it listens. */
export async function runMain(env: Readonly<Record<string, string>>): Promise<MainProcess> {
  const child: ChildProcessWithoutNullStreams = spawn(TSX, ['src/main.ts'], {
    cwd: SHOP_DIRECTORY,
    env: { ...process.env, PORT: '0', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const onExit = (code: number | null): void => {
      reject(new Error(`src/main.ts exited with ${code} before listening: ${stderr}`));
    };
    const onData = (): void => {
      const match = LISTENING.exec(stdout);
      if (match?.[1] === undefined) return;
      child.stdout.off('data', onData);
      child.off('exit', onExit);
      resolve(match[1]);
    };
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });
  return {
    baseUrl,
    stdout: () => stdout,
    stop: (signal) => {
      child.kill(signal);
      return exited;
    },
  };
}
