import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.ts';

// The demo's PostgreSQL run reads the global feed, which any open transaction in the cluster holds back:
// it runs alone, after the postgres package's files.
export default defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'demo-postgres',
    include: ['test/**/*.postgres.test.ts'],
    fileParallelism: false,
    sequence: { groupOrder: 2 },
    testTimeout: 60_000,
  },
});
