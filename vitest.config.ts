import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{main,electron,renderer,lint,scripts,bench}/**/*.test.{ts,tsx}', 'e2e/fixtures/**/*.test.ts'],
    // better-sqlite3 is a native addon: separate processes are the safe pool for it.
    pool: 'forks',
    testTimeout: 20_000,
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
  },
});
