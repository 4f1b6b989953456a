import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeSampleDocuments } from './fixtures/documents';
import { expect, test } from './fixtures/app';

test('add a folder, watch it being read, search, and open a hit in the source view', async ({ app }) => {
  const { page } = app;
  const docs = join(app.dataDir, 'dokumente');
  const files = await writeSampleDocuments(docs);
  writeFileSync(join(docs, 'kaputt.pdf'), 'Dies ist kein PDF.');

  await app.open('Dokumente');
  app.chooseFolder.next = docs;
  await page.getByRole('button', { name: 'Durchsuchen …' }).click();
  await expect(page.getByLabel('Pfad des Ordners')).toHaveValue(docs);
  await page.getByRole('button', { name: 'Hinzufügen und einlesen' }).click();

  const progress = page.getByTestId('index-progress');
  await expect(progress).toContainText('Fertig: 5 eingelesen, 0 unverändert, 0 entfernt, 1 Problem.');
  await expect(page.getByTestId('folder-list')).toContainText(docs);
  await expect(page.getByTestId('folder-list')).toContainText('5 Dokumente');
  await expect(page.getByTestId('problem-list')).toContainText('kaputt.pdf');
  await expect(page.getByTestId('problem-list')).toContainText('Die PDF-Datei ist beschädigt');
  await app.screenshot('dokumente-eingelesen');

  await app.open('Recherche');
  await page.getByLabel('Suchbegriff oder Frage').fill('Steuer für den ersten Hund');
  await page.getByRole('button', { name: 'Suchen' }).click();
  const hits = page.getByTestId('hits').getByRole('listitem');
  await expect(hits.first()).toContainText('Satzung über die Erhebung der Hundesteuer');
  await expect(hits.first()).toContainText('§ 2 Steuersatz · Zeilen 7–9');
  await expect(hits.first().locator('mark').first()).toBeVisible();

  await hits.first().getByRole('button', { name: /Fundstelle anzeigen/ }).click();
  const source = page.getByTestId('source-view');
  await expect(source).toBeFocused();
  await expect(source).toContainText('Die Steuer beträgt für den ersten Hund 96 Euro im Jahr.');
  // The source view names the passage's heading path (here one level) and its lines.
  await expect(source.locator('.hit__where')).toContainText('§ 2 Steuersatz · Zeilen 7–9');
  await expect(source.locator('mark', { hasText: 'Hund' }).first()).toBeVisible();
  await expect(source).toContainText(files.txt);
  await app.screenshot('recherche-quelle');
  await source.getByRole('button', { name: 'Original öffnen' }).click();
  await expect.poll(() => app.openedPaths).toEqual([files.txt]);

  expect(app.blockedRequests).toEqual([]);
});

test('a wrong folder path is explained next to the field', async ({ app }) => {
  const { page } = app;
  await app.open('Dokumente');
  await page.getByLabel('Pfad des Ordners').fill(join(app.dataDir, 'gibt-es-nicht'));
  await page.getByRole('button', { name: 'Hinzufügen und einlesen' }).click();
  await expect(page.getByRole('alert')).toContainText('existiert nicht');
  await expect(page.getByLabel('Pfad des Ordners')).toHaveAttribute('aria-invalid', 'true');
});

test('indexing shows progress and can be cancelled', async ({ app }) => {
  const { page } = app;
  const docs = join(app.dataDir, 'viele');
  mkdirSync(docs);
  // 13 MB in all: more than the indexer holds back at the start of a job, and long enough to cancel in the middle.
  for (let i = 0; i < 1500; i++) writeFileSync(join(docs, `vermerk-${i}.md`), `# Vermerk ${i}\n\n${'Der Antrag auf Sondernutzung wurde geprüft. '.repeat(200)}\n`);
  await app.open('Dokumente');
  await page.getByLabel('Pfad des Ordners').fill(docs);
  await page.getByRole('button', { name: 'Hinzufügen und einlesen' }).click();
  await expect(page.getByRole('progressbar', { name: 'Fortschritt der Indexierung' })).toBeVisible();
  await expect(page.getByTestId('index-progress')).toContainText(/\d+ von 1500 Dateien/);
  await page.getByTestId('index-progress').getByRole('button', { name: 'Abbrechen' }).click();
  await expect(page.getByTestId('index-progress')).toContainText('Indexierung abgebrochen');
  const folders = await app.core().listFolders();
  expect(folders[0]!.documents).toBeLessThan(1500);
});
