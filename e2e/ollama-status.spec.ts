import { expect, test } from './fixtures/app';

test('with no Ollama server the status says "nicht erreichbar" and what to do', async ({ app }) => {
  const status = app.page.getByTestId('ollama-status');
  await expect(status).toContainText('Ollama: nicht erreichbar');
  await expect(status).toContainText('ollama serve');
  await expect(status).toContainText('Suche und Vorlagen funktionieren auch ohne Ollama');
  await expect(status).toContainText('KI-Funktionen sind ausgeschaltet.');
  await app.screenshot('status-nicht-erreichbar');
});

test.describe('against the fake Ollama server', () => {
  test('the status says "verbunden" and Einstellungen lists the models', async ({ app, fakeOllama }) => {
    const { page } = app;
    await app.core().updateSettings({ ollamaHost: fakeOllama.url });
    await page.reload();
    await expect(page.getByTestId('ollama-status')).toContainText('Ollama: verbunden · 2 Modelle');
    await app.open('Einstellungen');
    const models = page.getByTestId('installed-models').getByRole('listitem');
    await expect(models).toHaveText([/bge-m3:latest · 1,2\sGB/, /qwen2\.5:7b · 4,7\sGB · 7\.6B/]);
    await app.screenshot('einstellungen-verbunden');
    expect(fakeOllama.requestsTo('/api/tags').length).toBeGreaterThan(0);
  });

  test('saving a new host in Einstellungen reconnects the status at once', async ({ app, fakeOllama }) => {
    const { page } = app;
    await expect(page.getByTestId('ollama-status')).toContainText('nicht erreichbar');
    await app.open('Einstellungen');
    await page.getByLabel('Adresse des Ollama-Servers').fill(fakeOllama.url);
    await page.getByRole('button', { name: 'Speichern' }).click();
    await expect(page.getByTestId('ollama-status')).toContainText('Ollama: verbunden · 2 Modelle');
    await expect(page.getByText(`Derzeit verwendet: ${fakeOllama.url} (aus den Einstellungen)`)).toBeVisible();
  });
});
