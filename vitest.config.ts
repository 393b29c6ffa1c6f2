import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'packages/*/vitest.postgres.config.ts',
      'apps/*/vitest.config.ts',
      'apps/*/vitest.postgres.config.ts',
    ],
    reporters: ['default', ['json', { outputFile: '.vitest-results/results.json' }]],
  },
});
