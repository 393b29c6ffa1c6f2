import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.ts';

// Runs against the shared PostgreSQL server, one file at a time and after the postgres package's and the
// demo's files: an open transaction anywhere in the cluster holds back their reads of the global feed.
export default defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'saga-postgres',
    include: ['test/**/*.postgres.test.ts'],
    fileParallelism: false,
    sequence: { groupOrder: 3 },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
