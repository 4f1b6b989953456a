import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import mammoth from 'mammoth';
import type { Page } from '@playwright/test';
import { expect, test, type AppHandle } from './fixtures/app';
import { structuredReply } from './fixtures/structured-reply';

const TEMPLATE = 'Antwort auf eine Bürgeranfrage';
const NOTES = 'Frau Erika Muster fragt, wie viel Hundesteuer sie für den ersten Hund zahlt und wie sie ihn anmeldet.';
const CITIZEN = 'Sehr geehrte Damen und Herren, ich habe einen Hund bekommen. Was kostet die Hundesteuer? Erika Muster, Lindenweg 4, 12345 Musterstadt';
const ANTWORT = 'Die Hundesteuer beträgt für den ersten Hund 96 Euro im Jahr (§ 2 der Hundesteuersatzung).';

async function indexDocuments(app: AppHandle) {
  const docs = join(app.dataDir, 'satzungen');
  mkdirSync(docs, { recursive: true });
  writeFileSync(join(docs, 'hundesteuer.md'), '# Hundesteuersatzung\n\n## § 2 Steuersatz\n\nDie Hundesteuer beträgt für den ersten Hund 96 Euro im Jahr.\n');
  await app.core().addFolder({ path: docs });
  await app.core().idle();
}

async function newDraft(page: Page, title: string) {
  await page.getByLabel('Vorlage suchen').fill(title.split(' ')[0]!);
  await page.getByRole('button', { name: `Neuer Entwurf: ${title}` }).click();
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
}

const form = (page: Page) => page.locator('form.draft-form');
/** What the letters need from the settings: the authority, its address, who signs, the Land and the Datenschutz facts. */
const OFFICE = {
  authority: 'Stadt Musterstadt',
  street: 'Markt 1',
  postalCode: '12345',
  city: 'Musterstadt',
  contactPerson: 'Anna Beispiel',
  land: 'SH',
  dpoContact: 'Datenschutzbeauftragte, Markt 1, 12345 Musterstadt',
  retention: 'zehn Jahre nach Abschluss des Verfahrens',
} as const;
const recipient = (page: Page) => form(page).getByRole('group', { name: /Empfänger/ });

test('choose a template, fill it, AI-assist, review, export; the draft survives a restart', async ({ app, fakeOllama }) => {
  const { page } = app;
  await indexDocuments(app);
  await app.core().updateSettings({ ollamaHost: fakeOllama.url, chatModel: 'qwen2.5:7b', letterhead: { ...OFFICE, contactPerson: 'Max Schmidt' } });
  fakeOllama.chatReply = ({ format }) =>
    structuredReply(format, {
      empfaenger: { salutation: 'Frau', title: '', firstName: 'Erika', lastName: 'Muster', organisation: '', extra: '', street: 'Lindenweg 4', postalCode: '12345', city: 'Musterstadt' },
      thema: 'Hundesteuer',
      antwort: ANTWORT,
    });

  await app.open('Entwürfe');
  await page.getByLabel('Kategorie').selectOption('Allgemeiner Schriftverkehr');
  await expect(page.getByTestId('template-list')).not.toContainText('Gebührenbescheid');
  await page.getByLabel('Kategorie').selectOption('');
  await newDraft(page, TEMPLATE);

  // Validation next to the field.
  const aktenzeichen = form(page).getByLabel('Unser Aktenzeichen');
  await aktenzeichen.fill('32-HS-0311/2025');
  const nachricht = form(page).getByLabel('Ihre Nachricht vom');
  await nachricht.fill('31.02.2025');
  await nachricht.blur();
  await expect(nachricht).toHaveAccessibleDescription(/gültiges Datum/);
  await expect(nachricht).toHaveAttribute('aria-invalid', 'true');
  await nachricht.fill('28.02.2025');
  await expect(nachricht).not.toHaveAttribute('aria-invalid', 'true');
  await recipient(page).getByLabel('Postleitzahl').fill('123');
  await expect(recipient(page)).toContainText('Die Anschrift ist unvollständig');
  await recipient(page).getByLabel('Postleitzahl').fill('');
  await expect(page.getByTestId('save-state')).toHaveText('Gespeichert');

  // The live preview shows what is typed, and the fixed block of the template locked.
  const preview = page.getByTestId('letter-preview');
  await expect(preview).toContainText('32-HS-0311/2025');
  await form(page).getByLabel('Datenschutzhinweis anfügen').selectOption('ja');
  await expect(preview.getByTestId('locked-block').first()).toContainText('Fester Textbaustein');
  await expect(preview.getByTestId('locked-block').first()).toContainText('Datenschutz');

  // AI assist.
  await page.getByLabel('Ihre Notizen').fill(NOTES);
  await page.getByLabel('Schreiben der Bürgerin / des Bürgers').fill(CITIZEN);
  await page.getByRole('button', { name: 'Entwurf vorschlagen' }).click();
  await expect(page.getByTestId('assist-outcome')).toContainText('Die KI hat 3 Felder ausgefüllt');
  await expect(form(page).getByLabel('Antwort', { exact: false }).first()).toHaveValue(ANTWORT);
  await expect(recipient(page).getByLabel('Nachname')).toHaveValue('Muster');
  await expect(form(page).getByLabel('Unser Aktenzeichen')).toHaveValue('32-HS-0311/2025');
  await expect(form(page)).toContainText('KI-Vorschlag (qwen2.5:7b)');
  await expect(page.getByTestId('assist-sources')).toContainText('Hundesteuersatzung');
  await expect(preview).toContainText('96 Euro im Jahr');
  await app.screenshot('entwurf-ki-vorschlag');

  const chat = fakeOllama.requestsTo('/api/chat');
  expect(chat).toHaveLength(1);
  const body = chat[0]!.body as { model: string; stream: boolean; format: { properties: Record<string, unknown> }; messages: { content: string }[] };
  expect(body.model).toBe('qwen2.5:7b');
  expect(body.stream).toBe(true);
  expect(Object.keys(body.format.properties)).toEqual(expect.arrayContaining(['empfaenger', 'thema', 'antwort']));
  expect(Object.keys(body.format.properties)).not.toContain('aktenzeichen');
  expect(body.messages[1]!.content).toContain('dokument="Hundesteuersatzung"');
  expect(body.messages[1]!.content).toContain(CITIZEN);

  // Export before review is refused.
  await page.getByRole('button', { name: 'Als Word-Datei exportieren' }).click();
  await expect(page.getByRole('alert')).toContainText('bestätigen Sie „geprüft“');
  expect(existsSync(join(app.dataDir, 'brief.docx'))).toBe(false);

  // Review, then export.
  await expect(page.getByLabel('Ihr Name')).toHaveValue('Max Schmidt');
  // The box shows the stored review: it is checked once the core has recorded name and time.
  await page.getByLabel('Ich habe den Entwurf geprüft').click();
  await expect(page.getByLabel('Ich habe den Entwurf geprüft')).toBeChecked();
  await expect(page.getByTestId('review-state')).toContainText('Geprüft von Max Schmidt');
  await expect(page.getByLabel('Hinweis auf KI-Unterstützung in die Fußzeile setzen')).toBeChecked();
  app.saveAs.next = 'brief.docx';
  await page.getByRole('button', { name: 'Als Word-Datei exportieren' }).click();
  const file = join(app.dataDir, 'brief.docx');
  await expect(page.getByTestId('export-result')).toContainText(`Exportiert: ${file}`);
  const text = (await mammoth.extractRawText({ path: file })).value;
  expect(text).toContain(ANTWORT);
  expect(text).toContain('Erika Muster');
  expect(text).toContain('32-HS-0311/2025');
  const record = (await app.core().listDrafts())[0]!;
  expect(record.review?.reviewer).toBe('Max Schmidt');
  const stored = await app.core().getDraft({ id: record.id });
  expect(stored.aiFields.antwort?.model).toBe('qwen2.5:7b');

  // Editing after "geprüft" takes the review back.
  await form(page).getByLabel('Antwort', { exact: false }).first().fill(`${ANTWORT} Ergänzt.`);
  await expect(page.getByLabel('Ich habe den Entwurf geprüft')).not.toBeChecked();
  await expect(form(page)).toContainText('von Ihnen bearbeitet');

  // Drafts never get lost.
  await app.restart();
  await app.open('Entwürfe');
  const list = page.getByTestId('draft-list');
  // Named by template and recipient only, never by the subject the AI wrote.
  await expect(list).toContainText(`${TEMPLATE} – Erika Muster`);
  await expect(list).not.toContainText('Hundesteuer');
  await expect(list).toContainText('Prüfung fehlt');
  await list.getByRole('button', { name: /Entwurf öffnen/ }).click();
  await expect(form(page).getByLabel('Antwort', { exact: false }).first()).toHaveValue(`${ANTWORT} Ergänzt.`);
  await expect(page.getByLabel('Ihre Notizen')).toHaveValue(NOTES);

  // Duplicate and delete.
  await page.getByRole('button', { name: /Zur Übersicht/ }).click();
  await list.getByRole('button', { name: 'Duplizieren' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await list.getByRole('button', { name: 'Löschen' }).first().click();
  await list.getByRole('button', { name: 'Ja, löschen' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  expect(app.blockedRequests).toEqual([]);
});

test('an Ollama failure mid-assist keeps what was typed', async ({ app, fakeOllama }) => {
  const { page } = app;
  await app.core().updateSettings({ ollamaHost: fakeOllama.url, chatModel: 'qwen2.5:7b' });
  fakeOllama.chatReply = ({ format }) => structuredReply(format, { antwort: ANTWORT });
  fakeOllama.behave('/api/chat', { failAfterChunks: 4 });
  await app.open('Entwürfe');
  await newDraft(page, TEMPLATE);
  await form(page).getByLabel('Thema der Anfrage').fill('Sperrmüll');
  await page.getByLabel('Ihre Notizen').fill('Bürger fragt nach Sperrmüllterminen.');
  await page.getByRole('button', { name: 'Entwurf vorschlagen' }).click();
  await expect(page.getByRole('alert')).toContainText('Die KI konnte keinen Vorschlag machen');
  await expect(page.getByRole('alert')).toContainText('Ihre Eingaben sind gespeichert');
  await expect(form(page).getByLabel('Thema der Anfrage')).toHaveValue('Sperrmüll');
  await expect(page.getByLabel('Ihre Notizen')).toHaveValue('Bürger fragt nach Sperrmüllterminen.');
  const [draft] = await app.core().listDrafts();
  const stored = await app.core().getDraft({ id: draft!.id });
  expect(stored.values.thema).toBe('Sperrmüll');
  expect(stored.notes).toBe('Bürger fragt nach Sperrmüllterminen.');
  expect(stored.aiFields).toEqual({});
});

test('without Ollama the assist says why it is off, and form and export work', async ({ app }) => {
  const { page } = app;
  await app.core().updateSettings({ letterhead: OFFICE });
  await app.open('Entwürfe');
  await newDraft(page, TEMPLATE);
  await expect(page.getByRole('button', { name: 'Entwurf vorschlagen' })).toBeDisabled();
  await expect(page.getByTestId('assist-off')).toContainText('KI-Vorschläge sind aus');
  await page.getByRole('button', { name: 'Als Word-Datei exportieren' }).click();
  await expect(page.getByRole('alert')).toContainText('Bitte korrigieren Sie die markierten Felder');
  await expect(form(page).getByLabel('Thema der Anfrage')).toHaveAccessibleDescription(/Bitte ausfüllen/);
  await recipient(page).getByLabel('Nachname').fill('Beispiel');
  await recipient(page).getByLabel('Straße und Hausnummer').fill('Am Markt 1');
  await recipient(page).getByLabel('Postleitzahl').fill('12345');
  await recipient(page).getByLabel('Ort').fill('Musterstadt');
  await form(page).getByLabel('Unser Aktenzeichen').fill('32-1/2025');
  await form(page).getByLabel('Thema der Anfrage').fill('Sperrmüll');
  await form(page).getByLabel('Antwort', { exact: false }).first().fill('Sperrmüll holen wir nach Anmeldung ab.');
  app.saveAs.next = 'ohne-ki.docx';
  await page.getByRole('button', { name: 'Als Word-Datei exportieren' }).click();
  await expect(page.getByTestId('export-result')).toContainText('ohne-ki.docx');
  expect((await mammoth.extractRawText({ path: join(app.dataDir, 'ohne-ki.docx') })).value).toContain('Sperrmüll holen wir nach Anmeldung ab.');
});

test('right after installation the form names what the settings lack; once they are set, the Anhörung cites the Land’s law', async ({ app }) => {
  const { page } = app;
  await app.open('Entwürfe');
  await newDraft(page, 'Anhörung vor Erlass eines Verwaltungsakts');
  const missing = page.getByTestId('missing-settings');
  await expect(missing).toContainText('Behörde');
  await expect(missing).toContainText('Bundesland (Landesrecht)');

  await app.open('Einstellungen');
  await page.getByLabel('Behörde', { exact: true }).fill('Stadt Musterstadt');
  await page.getByLabel('Straße und Hausnummer').fill('Markt 1');
  await page.getByLabel('Postleitzahl').fill('24103');
  await page.getByLabel('Ort', { exact: true }).fill('Kiel');
  await page.getByLabel('Ansprechpartner/in').fill('Anna Beispiel');
  await page.getByLabel('Bundesland').selectOption({ label: 'Schleswig-Holstein' });
  await page.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByText('Einstellungen gespeichert.')).toBeVisible();
  expect((await app.core().getSettings()).settings.letterhead.land).toBe('SH');

  await app.open('Entwürfe');
  await page.getByRole('button', { name: /Anhörung/ }).first().click();
  await expect(page.getByTestId('letter-preview')).toContainText('nach § 87 LVwG Gelegenheit');
  await expect(page.getByTestId('missing-settings')).toHaveCount(0);
});

test('a Bescheid names its Rechtsbehelf by the Land’s rule: the Bavarian choice for Kommunalabgaben', async ({ app }) => {
  const { page } = app;
  await app.core().updateSettings({ letterhead: { ...OFFICE, land: 'BY', administrativeCourt: 'Bayerisches Verwaltungsgericht München, Bayerstraße 30, 80335 München', iban: 'DE89370400440532013000' } });
  await app.open('Entwürfe');
  await newDraft(page, 'Gebührenbescheid mit Rechtsbehelfsbelehrung');
  await expect(page.getByTestId('remedy')).toContainText('nach Wahl Widerspruch oder Klage (Art. 12 AGVwGO');
  await expect(page.getByTestId('letter-preview')).toContainText('nach Ihrer Wahl entweder Widerspruch eingelegt oder unmittelbar Klage erhoben werden');
});

test('import a Word template with placeholders and export it filled', async ({ app }) => {
  const { page } = app;
  const doc = new Document({
    sections: [{ children: [new Paragraph({ children: [new TextRun('Sehr geehrte '), new TextRun('{{Na'), new TextRun('me}},')] }), new Paragraph('Ihr Termin: {{Termin}}.')] }],
  });
  app.openFile.next = join(app.dataDir, 'Terminbrief Bürgeramt.docx');
  writeFileSync(app.openFile.next, await Packer.toBuffer(doc));
  await app.open('Entwürfe');
  await page.getByRole('button', { name: 'Word-Vorlage importieren …' }).click();
  await expect(page.getByText('Vorlage „Terminbrief Bürgeramt“ importiert: 2 Felder.')).toBeVisible();
  await newDraft(page, 'Terminbrief Bürgeramt');
  await form(page).getByLabel('Name').fill('Frau Muster');
  await form(page).getByLabel('Termin').fill('3. April, 10 Uhr');
  await expect(page.getByTestId('letter-preview')).toContainText('Sehr geehrte Frau Muster,');
  app.saveAs.next = 'termin.docx';
  await page.getByRole('button', { name: 'Als Word-Datei exportieren' }).click();
  await expect(page.getByTestId('export-result')).toContainText('termin.docx');
  const text = (await mammoth.extractRawText({ path: join(app.dataDir, 'termin.docx') })).value;
  expect(text).toContain('Sehr geehrte Frau Muster,');
  expect(text).toContain('Ihr Termin: 3. April, 10 Uhr.');
});

test('the letterhead logo is chosen and removed in Einstellungen', async ({ app }) => {
  const { page } = app;
  app.openFile.next = join(app.dataDir, 'wappen.png');
  writeFileSync(app.openFile.next, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'));
  await app.open('Einstellungen');
  await expect(page.getByTestId('logo-info')).toHaveText('Kein Logo hinterlegt.');
  await page.getByRole('button', { name: 'Logo wählen …' }).click();
  await expect(page.getByTestId('logo-info')).toContainText('PNG, 1 × 1 Pixel');
  await page.getByRole('button', { name: 'Logo entfernen' }).click();
  await expect(page.getByTestId('logo-info')).toHaveText('Kein Logo hinterlegt.');
  writeFileSync(app.openFile.next, 'kein Bild');
  await page.getByRole('button', { name: 'Logo wählen …' }).click();
  await expect(page.getByRole('group', { name: 'Logo im Briefkopf' }).getByRole('alert')).toContainText('PNG- oder JPEG-Bild');
});

test('the AI fills facts only from the notes or the letter and shows the passage as evidence', async ({ app, fakeOllama }) => {
  const { page } = app;
  await app.core().updateSettings({ ollamaHost: fakeOllama.url, chatModel: 'qwen2.5:7b' });
  fakeOllama.chatReply = ({ format }) =>
    structuredReply(format, {
      empfaenger: { salutation: 'Frau', title: '', firstName: 'Erika', lastName: 'Muster', organisation: '', extra: '', street: 'Lindenweg 4', postalCode: '12345', city: 'Musterstadt' },
      // Invented: the letter has no reference of the citizen.
      ihr_zeichen: 'EM-4711',
      ihre_nachricht_vom: '03.02.2025',
      thema: 'Hundesteuer',
      antwort: ANTWORT,
    });
  await app.open('Entwürfe');
  await newDraft(page, TEMPLATE);
  const sentence = 'mit meinem Schreiben vom 3. Februar 2025 fragte ich nach der Hundesteuer.';
  await page.getByLabel('Schreiben der Bürgerin / des Bürgers').fill(`Sehr geehrte Damen und Herren,\n${sentence}\nErika Muster\nLindenweg 4\n12345 Musterstadt`);
  await page.getByRole('button', { name: 'Entwurf vorschlagen' }).click();
  await expect(page.getByTestId('assist-outcome')).toContainText('Ihr Zeichen: Vorschlag verworfen – „EM-4711“ steht nicht in Ihren Notizen oder im Schreiben.');
  await expect(form(page).getByLabel('Ihr Zeichen')).toHaveValue('');
  await expect(form(page).getByLabel('Ihre Nachricht vom')).toHaveValue('03.02.2025');
  const evidence = page.getByTestId('assist-evidence');
  await expect(evidence.locator('[data-field="ihre_nachricht_vom"]')).toContainText(`Ihre Nachricht vom: Beleg: „${sentence}“`);
  await expect(evidence.locator('[data-field="empfaenger"]')).toContainText('Lindenweg 4');
  await expect(evidence.locator('[data-field="antwort"]')).toHaveCount(0);
  await page.getByRole('button', { name: /Zur Übersicht/ }).click();
  await expect(page.getByTestId('draft-list')).toContainText(`${TEMPLATE} – Erika Muster`);
  await expect(page.getByTestId('draft-list')).not.toContainText('EM-4711');
});
