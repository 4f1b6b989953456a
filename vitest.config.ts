import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{main,electron,renderer,lint,scripts,bench}/**/*.test.{ts,tsx}', 'e2e/fixtures/**/*.test.ts'],
    // better-sqlite3 is a native addon: separate processes are the safe pool for it.
    pool: 'forks',
    // A wide margin: CI runs on two cores that other work may share. The slowest test takes about 8 s on an idle machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
  },
});
