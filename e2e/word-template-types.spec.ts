import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { expect, test } from './fixtures/app';
import { run, wordDocx } from './fixtures/word-docx';

test('the type of a field of an imported Word template is shown, changed, and then checks and formats the value', async ({ app }) => {
  const { page } = app;
  app.openFile.next = join(app.dataDir, 'Fristbrief.docx');
  writeFileSync(app.openFile.next, wordDocx([`<w:p>${run('Antrag vom {{Antragsdatum}}, Antwort bis {{Fr')}${run('ist}}.')}</w:p>`]));
  await app.open('Entwürfe');
  await page.getByRole('button', { name: 'Word-Vorlage importieren …' }).click();
  await expect(page.getByText('Vorlage „Fristbrief“ importiert: 2 Felder.')).toBeVisible();

  await page.getByText('Felder und Typen (2)').click();
  // Guessed from the name; Frist is plain text until the clerk types it.
  await expect(page.getByLabel('Typ des Feldes Antragsdatum')).toHaveValue('date');
  await expect(page.getByLabel('Typ des Feldes Frist')).toHaveValue('text');
  await page.getByLabel('Typ des Feldes Frist').selectOption({ label: 'Datum' });
  await expect(page.getByText('Feld „Frist“ hat jetzt den Typ Datum.')).toBeVisible();

  await page.getByLabel('Vorlage suchen').fill('Fristbrief');
  await page.getByRole('button', { name: 'Neuer Entwurf: Fristbrief' }).click();
  const form = page.locator('form.draft-form');
  await form.getByLabel('Antragsdatum').fill('1.3.2025');
  await form.getByLabel('Frist').fill('nächste Woche');
  await form.getByLabel('Frist').blur();
  await expect(form.getByText('Bitte ein gültiges Datum angeben, z. B. 14.03.2025.')).toBeVisible();
  await form.getByLabel('Frist').fill('14.3.2025');
  await expect(page.getByTestId('letter-preview')).toContainText('Antrag vom 01.03.2025, Antwort bis 14.03.2025.');
  app.saveAs.next = 'frist.docx';
  await page.getByRole('button', { name: 'Als Word-Datei exportieren' }).click();
  await expect(page.getByTestId('export-result')).toContainText('frist.docx');
  expect((await mammoth.extractRawText({ path: join(app.dataDir, 'frist.docx') })).value).toContain('Antrag vom 01.03.2025, Antwort bis 14.03.2025.');
});
