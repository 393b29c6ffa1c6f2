import { defineConfig } from 'tsup';

export default defineConfig({
  // cli.js keeps the `#!/usr/bin/env node` line of src/cli/main.ts, and tsup marks it executable.
  entry: { index: 'src/index.ts', cli: 'src/cli/main.ts' },
  format: ['esm'],
  target: 'node20',
  dts: { entry: { index: 'src/index.ts' }, compilerOptions: { paths: {} } },
  sourcemap: true,
  clean: true,
  external: [/^@orchestrix\//],
});
