import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.ts';

// pg_snapshot_xmin is cluster-wide: a transaction open in one test file holds back readAll in every
// other. So the files that use the shared server run one at a time, after the other projects.
export default defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'postgres',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    fileParallelism: false,
    sequence: { groupOrder: 1 },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
