import { CALL_NAMES } from '../main/contract';
import { expect, test } from './fixtures/app';

const PAGES = ['Recherche', 'Entwürfe', 'Dokumente', 'Einstellungen'] as const;

test('the app opens on Recherche and every page is reachable from the navigation', async ({ app }) => {
  const { page } = app;
  await expect(page).toHaveTitle('Stadtschreiber');
  await expect(page.getByRole('heading', { level: 1, name: 'Recherche' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
  await expect(nav.getByRole('button')).toHaveText([...PAGES]);
  for (const name of PAGES) {
    await app.open(name);
    await expect(nav.getByRole('button', { name })).toHaveAttribute('aria-current', 'page');
    await app.screenshot(`seite-${name.toLowerCase().replace('ü', 'ue')}`);
  }
  expect(app.blockedRequests).toEqual([]);
});

test('the navigation works with the keyboard alone and moves focus to the page heading', async ({ app }) => {
  const { page } = app;
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Zum Inhalt springen' })).toBeFocused();
  const settings = page.getByRole('navigation').getByRole('button', { name: 'Einstellungen' });
  await settings.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Einstellungen' })).toBeFocused();
  // Focus must be visible: the focus ring is drawn as an outline.
  await settings.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(settings).toBeFocused();
  const outline = await settings.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe('solid');
});

test('window.api exposes exactly the contract and nothing of Node', async ({ app }) => {
  const shape = await app.page.evaluate(() => ({
    keys: Object.keys(window.api).sort(),
    frozen: Object.isFrozen(window.api),
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
  }));
  expect(shape).toEqual({ keys: [...CALL_NAMES, 'on'].sort(), frozen: true, require: 'undefined', process: 'undefined' });
  expect(shape.keys).toContain('getSettings');
});
