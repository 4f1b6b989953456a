import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_FAKE_MODELS } from './fixtures/fake-ollama';
import { expect, test } from './fixtures/app';

const JINA = 'jina/jina-embeddings-v2-base-de:latest';

test.describe('against the fake Ollama server', () => {
  test.beforeEach(async ({ app, fakeOllama }) => {
    fakeOllama.models.push({ ...DEFAULT_FAKE_MODELS[1]!, name: JINA, size: 322_000_000, family: 'jina-bert-v2', parameterSize: '161M' });
    await app.core().updateSettings({ ollamaHost: fakeOllama.url });
    await app.page.reload();
  });

  test('lists the installed models with size, abilities and context length, and suggestions for German', async ({ app }) => {
    const { page } = app;
    await app.open('Einstellungen');
    const models = page.getByTestId('installed-models').getByRole('listitem');
    await expect(models).toHaveText([
      /bge-m3:latest · 1,2\sGB · 566\.70M\s*Embedding · Kontext: 8\.192 Token/,
      /jina\/jina-embeddings-v2-base-de:latest · 322\sMB · 161M\s*Embedding/,
      /qwen2\.5:7b · 4,7\sGB · 7\.6B\s*Chat · Kontext: 32\.768 Token/,
    ]);
    // Only what a model can do is offered.
    await expect(models.nth(2).getByRole('button', { name: 'qwen2.5:7b: Als Chat-Modell verwenden' })).toBeVisible();
    await expect(models.nth(2).getByRole('button', { name: /Embedding-Modell/ })).toHaveCount(0);
    await expect(models.nth(0).getByRole('button', { name: /Chat-Modell/ })).toHaveCount(0);

    const suggestions = page.getByTestId('model-suggestions').getByRole('listitem');
    await expect(suggestions.filter({ hasText: 'bge-m3' })).toContainText('installiert');
    await expect(suggestions.filter({ hasText: 'llama3.1:8b' })).toContainText('Meta');
    await expect(suggestions.filter({ hasText: 'llama3.1:8b' }).getByRole('button', { name: 'llama3.1:8b herunterladen' })).toBeVisible();
    await app.screenshot('einstellungen-modelle');

    await models.nth(2).getByRole('button', { name: 'qwen2.5:7b: Als Chat-Modell verwenden' }).click();
    await expect(models.nth(2)).toContainText('Chat-Modell');
    await expect(page.getByLabel('Chat-Modell', { exact: true })).toHaveValue('qwen2.5:7b');
    expect((await app.core().getSettings()).settings.chatModel).toBe('qwen2.5:7b');
    expect(app.blockedRequests).toEqual([]);
  });

  test('a model whose server does not say its size is listed without one', async ({ app, fakeOllama }) => {
    fakeOllama.omit = { tags: ['size', 'modified_at'] };
    await app.open('Einstellungen');
    const qwen = app.page.getByTestId('installed-models').getByRole('listitem').filter({ hasText: 'qwen2.5:7b' });
    await expect(qwen).toContainText('qwen2.5:7b · 7.6B');
    await expect(qwen).not.toContainText(/\d\s(GB|MB)/);
  });

  test('pulling a model shows progress and ends with the model in the list', async ({ app, fakeOllama }) => {
    const { page } = app;
    fakeOllama.behave('/api/pull', { chunkDelayMs: 150 });
    await app.open('Einstellungen');
    await page.getByLabel('Name des Modells').fill('llama3.1:8b');
    await page.getByRole('button', { name: 'Herunterladen', exact: true }).click();
    const pulls = page.getByTestId('model-pulls');
    await expect(pulls.getByRole('progressbar', { name: 'Download von llama3.1:8b' })).toBeVisible();
    await expect(pulls).toContainText(/\d+ % \([\d,]+\s(GB|MB) von 4,9\sGB\)/);
    await app.screenshot('modell-download');
    await expect(pulls).toContainText('Fertig: llama3.1:8b ist installiert.');
    await expect(page.getByTestId('installed-models').getByRole('listitem').filter({ hasText: 'llama3.1:8b' })).toContainText('Chat · Kontext: 131.072 Token');
    expect(fakeOllama.requestsTo('/api/pull').map((r) => r.body)).toEqual([{ name: 'llama3.1:8b', stream: true }]);
  });

  test('a download started from a suggestion can be cancelled, and the request is really closed', async ({ app, fakeOllama }) => {
    const { page } = app;
    fakeOllama.behave('/api/pull', { chunkDelayMs: 400 });
    await app.open('Einstellungen');
    await page.getByRole('button', { name: 'llama3.1:8b herunterladen' }).click();
    await expect(page.getByLabel('Name des Modells')).toHaveValue('llama3.1:8b');
    const pulls = page.getByTestId('model-pulls');
    await expect(pulls.getByRole('progressbar', { name: 'Download von llama3.1:8b' })).toBeVisible();
    await pulls.getByRole('button', { name: 'Herunterladen abbrechen' }).click();
    await expect(pulls).toContainText('Das Herunterladen von „llama3.1:8b“ wurde abgebrochen.');
    await expect(pulls.getByRole('progressbar')).toHaveCount(0);
    await expect.poll(() => fakeOllama.closedByClient).toContain('/api/pull');
    expect(fakeOllama.models.map((m) => m.name)).not.toContain('llama3.1:8b');
  });

  test('an unknown model name is explained', async ({ app }) => {
    const { page } = app;
    await app.open('Einstellungen');
    await page.getByLabel('Name des Modells').fill('gibt-es-nicht:1b');
    await page.getByRole('button', { name: 'Herunterladen', exact: true }).click();
    await expect(page.getByTestId('model-pulls')).toContainText('Ein Modell „gibt-es-nicht:1b“ gibt es in der Ollama-Bibliothek nicht.');
  });

  test('choosing another embedding model re-embeds the index with progress and cancel', async ({ app, fakeOllama }) => {
    const { page } = app;
    const docs = join(app.dataDir, 'dokumente');
    mkdirSync(docs);
    for (let i = 1; i <= 40; i++) writeFileSync(join(docs, `vermerk-${i}.md`), `# Vermerk ${i}\n\n## Sachstand\n\nDer Antrag ${i} auf Sondernutzung wurde geprüft.\n`);
    await app.core().updateSettings({ embeddingModel: 'bge-m3' });
    await app.core().addFolder({ path: docs });
    await app.core().idle();
    const chunks = (await app.core().listFolders())[0]!.chunks;
    fakeOllama.requests.length = 0;
    fakeOllama.behave('/api/embed', { delayMs: 400 });

    await app.open('Einstellungen');
    const jina = page.getByTestId('installed-models').getByRole('listitem').filter({ hasText: JINA });
    await jina.getByRole('button', { name: `${JINA}: Als Embedding-Modell verwenden` }).click();
    const progress = page.getByTestId('embedding-progress');
    await expect(progress.getByRole('progressbar', { name: 'Fortschritt der Einbettung' })).toBeVisible();
    await expect(progress).toContainText(new RegExp(`\\d+ von ${chunks}\\. Die Suche funktioniert währenddessen weiter\\.`));
    await expect(page.getByLabel('Embedding-Modell', { exact: true })).toHaveValue(JINA);
    // Search answers meanwhile.
    expect((await app.core().search({ query: 'Sondernutzung', limit: 3 })).hits.length).toBeGreaterThan(0);

    await progress.getByRole('button', { name: 'Einbettung abbrechen' }).click();
    await expect(progress).toContainText('Einbettung abgebrochen.');
    fakeOllama.behave('/api/embed', { delayMs: 50 });
    await progress.getByRole('button', { name: 'Einbettung fortsetzen' }).click();
    await expect(progress).toContainText('Alle Abschnitte sind mit dem Embedding-Modell eingebettet.');
    const embedded = fakeOllama.requestsTo('/api/embed');
    expect(embedded.every((r) => (r.body as { model: string }).model === JINA)).toBe(true);
    // Every chunk embedded exactly once across the cancelled and the resumed job.
    expect(new Set(embedded.flatMap((r) => (r.body as { input: string[] }).input)).size).toBe(chunks);
    expect((await app.core().search({ query: 'Sondernutzung', limit: 3 })).mode).toBe('hybrid');
  });
});

test('without Ollama the page says so in German and still works', async ({ app }) => {
  const { page } = app;
  await app.open('Einstellungen');
  await expect(page.getByTestId('models-unreachable')).toContainText('nicht erreichbar');
  await expect(page.getByTestId('models-unreachable')).toContainText('Ohne Ollama funktionieren Suche, Dokumente und Vorlagen weiter.');
  await expect(page.getByTestId('model-suggestions').getByRole('listitem')).toHaveCount(6);
  await page.getByLabel('Name des Modells').fill('qwen2.5:7b');
  await page.getByRole('button', { name: 'Herunterladen', exact: true }).click();
  await expect(page.getByTestId('model-pulls')).toContainText('nicht erreichbar');
  // The rest of the page still saves.
  await page.getByLabel('Behörde').fill('Stadt Musterhausen');
  await page.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByText('Einstellungen gespeichert.')).toBeVisible();
});
