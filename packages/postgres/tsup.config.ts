import { packageBuild } from '../../tsup.shared.ts';

export default packageBuild({
  // cli.js keeps the `#!/usr/bin/env node` line of src/cli/main.ts, and tsup marks it executable.
  entry: { index: 'src/index.ts', cli: 'src/cli/main.ts' },
  dts: { entry: { index: 'src/index.ts' }, compilerOptions: { paths: {} } },
});
