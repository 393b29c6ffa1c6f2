import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PACKAGE = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Starts `test/support/<script>` in a Node process of its own, through tsx, with an IPC channel. The
 * package's tsconfig paths make it import the workspace packages' sources, as the tests do.
 */
export function forkTsx(script: string, args: readonly string[]): ChildProcess {
  return fork(fileURLToPath(new URL(`./${script}`, import.meta.url)), args, {
    cwd: PACKAGE,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, TSX_TSCONFIG_PATH: `${PACKAGE}tsconfig.json` },
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
}
