import { defineConfig } from '@playwright/test';
import { desktopSkipReason, electronBinary } from './e2e/fixtures/electron-binary';

// Said once, by the runner (workers load this file too), so the CI log shows why.
const electron = electronBinary();
if (!electron.path && !process.env.TEST_WORKER_INDEX) console.log(desktopSkipReason(electron.reason));

/**
 * End-to-end tests: the built renderer in real Chromium (Debian's, or the one
 * named by CHROMIUM_PATH), bound to a real core. No browser is downloaded.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  timeout: 30_000,
  fullyParallel: true,
  workers: 2,
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  use: {
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
