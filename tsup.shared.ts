import { defineConfig, type Options } from 'tsup';

/**
 * The build every package shares: ESM for Node 20 with declarations, sibling packages left external (a
 * second bundled copy of core would break `instanceof`). `overrides` adds entries, as postgres's CLI.
 */
export function packageBuild(overrides: Options = {}): ReturnType<typeof defineConfig> {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm'],
    target: 'node20',
    dts: { compilerOptions: { paths: {} } },
    sourcemap: true,
    clean: true,
    external: [/^@orchestrix\//],
    ...overrides,
  });
}
