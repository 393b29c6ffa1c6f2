import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.ts';

// pg_snapshot_xmin is cluster-wide: the files that read the global feed run one at a time, after the
// other projects (see packages/postgres/vitest.config.ts).
export default defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'observability-postgres',
    include: ['test/**/*.postgres.test.ts'],
    fileParallelism: false,
    sequence: { groupOrder: 5 },
    testTimeout: 60_000,
  },
});
