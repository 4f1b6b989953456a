import { expect, test } from './fixtures/app';

test('a saved setting survives a restart of the core', async ({ app }) => {
  const { page } = app;
  await app.open('Einstellungen');
  await page.getByLabel('Chat-Modell').fill('qwen2.5:7b');
  await page.getByLabel('Behörde').fill('Hansestadt Lüneburg');
  await page.getByLabel('Postleitzahl').fill('21335');
  await page.getByLabel('E-Mail').fill('buergerservice@stadt.lueneburg.de');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByText('Einstellungen gespeichert.')).toBeVisible();

  await app.restart();
  await app.open('Einstellungen');
  await expect(page.getByLabel('Chat-Modell')).toHaveValue('qwen2.5:7b');
  await expect(page.getByLabel('Behörde')).toHaveValue('Hansestadt Lüneburg');
  await expect(page.getByLabel('Postleitzahl')).toHaveValue('21335');
  await expect(page.getByLabel('E-Mail')).toHaveValue('buergerservice@stadt.lueneburg.de');
});

test('an invalid host URL and e-mail are shown inline and nothing is saved', async ({ app }) => {
  const { page } = app;
  await app.open('Einstellungen');
  const host = page.getByLabel('Adresse des Ollama-Servers');
  await host.fill('ftp://ollama.intern');
  await page.getByLabel('E-Mail').fill('poststelle(at)stadt');
  await page.getByRole('button', { name: 'Speichern' }).click();

  await expect(page.getByText('Nicht gespeichert. Bitte prüfen Sie die markierten Felder.')).toBeVisible();
  await expect(host).toHaveAttribute('aria-invalid', 'true');
  await expect(host).toHaveAccessibleDescription(/gültige Adresse mit http:\/\/ oder https:\/\//);
  await expect(page.getByLabel('E-Mail')).toHaveAccessibleDescription(/gültige E-Mail-Adresse/);
  await app.screenshot('einstellungen-fehler');

  // What the clerk typed is still there to correct.
  await expect(host).toHaveValue('ftp://ollama.intern');
  const saved = await app.core().getSettings();
  expect(saved.settings.ollamaHost).toBe('http://127.0.0.1:9');
  expect(saved.settings.letterhead.email).toBe('');
});
