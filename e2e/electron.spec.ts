/**
 * The desktop tier: the real Electron app through Playwright's _electron.
 * Runs where the Electron binary is installed; elsewhere (CI without the
 * Electron download) it is skipped with the reason printed.
 */
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { CALL_NAMES } from '../main/contract';
import { desktopSkipReason, electronBinary } from './fixtures/electron-binary';
import { CLOSED_PORT_HOST, tempDir } from './fixtures/temp-dir';

const ROOT = resolve(import.meta.dirname, '..');

const binary = electronBinary();
const skipReason = desktopSkipReason(binary.reason);

test.describe('desktop app', () => {
  test.skip(!binary.path, skipReason);

  let app: ElectronApplication;
  let data: ReturnType<typeof tempDir>;

  test.beforeAll(() => {
    execFileSync(process.execPath, [resolve(ROOT, 'scripts', 'build-electron.mjs')], { cwd: ROOT, stdio: 'inherit' });
    execFileSync(process.execPath, [resolve(ROOT, 'scripts', 'prepare-electron-native.mjs')], { cwd: ROOT, stdio: 'inherit' });
  });

  test.beforeEach(async () => {
    data = tempDir('stadtschreiber-desktop-');
    app = await electron.launch({
      executablePath: binary.path,
      args: [ROOT, '--no-sandbox'],
      env: { ...process.env, STADTSCHREIBER_DATA: data.path, OLLAMA_HOST: CLOSED_PORT_HOST },
    });
  });

  test.afterEach(async () => {
    await app?.close();
    data?.remove();
  });

  test('opens its window, reaches every page and talks to the core', async () => {
    const win = await app.firstWindow();
    await expect(win).toHaveTitle('Stadtschreiber');
    expect(win.url()).toBe('app://stadtschreiber/index.html');
    await expect(win.getByTestId('ollama-status')).toContainText('nicht erreichbar');
    for (const name of ['Entwürfe', 'Dokumente', 'Einstellungen', 'Recherche']) {
      await win.getByRole('navigation').getByRole('button', { name }).click();
      await expect(win.getByRole('heading', { level: 1, name })).toBeVisible();
    }
  });

  test('gives the page no Node and refuses navigation and new windows', async () => {
    const win = await app.firstWindow();
    const page = await win.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      api: Object.keys(window.api).sort(),
    }));
    expect(page).toEqual({ require: 'undefined', process: 'undefined', api: [...CALL_NAMES, 'on'].sort() });
    await win.evaluate(() => window.open('https://example.org'));
    await win.evaluate(() => (window.location.href = 'https://example.org'));
    await win.waitForTimeout(500);
    expect(app.windows()).toHaveLength(1);
    expect(win.url()).toBe('app://stadtschreiber/index.html');
  });
});
