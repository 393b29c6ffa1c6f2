import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.ts';

// The shop's projections read the global feed, which any open transaction in the cluster holds back:
// its PostgreSQL files run one at a time, after the packages' and the demo's.
export default defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'shop-postgres',
    include: ['test/**/*.postgres.test.ts'],
    fileParallelism: false,
    sequence: { groupOrder: 4 },
    testTimeout: 60_000,
  },
});
