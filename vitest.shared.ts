import { fileURLToPath } from 'node:url';

const packageSource = (name: string): string =>
  fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

/** Resolves every workspace package to its sources, so tests run without a prior build. */
export const workspaceAliases: Record<string, string> = {
  '@orchestrix/core': packageSource('core'),
  '@orchestrix/memory': packageSource('memory'),
  '@orchestrix/observability': packageSource('observability'),
  '@orchestrix/postgres': packageSource('postgres'),
  '@orchestrix/saga': packageSource('saga'),
  '@orchestrix/testing': packageSource('testing'),
};
