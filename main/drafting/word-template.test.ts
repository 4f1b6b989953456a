import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MINIMAL_TEMPLATE } from '../../e2e/fixtures/minimal-template';
import { TEST_LETTERHEAD } from '../../e2e/fixtures/letterhead';
import { tempDir } from '../../e2e/fixtures/temp-dir';
import { docxParts, docxText, OFFICE_STYLES, officeTemplateDocx, parseXmlStrict, run, typedTemplateDocx, wordDocx } from '../../e2e/fixtures/word-docx';
import { calls } from '../contract';
import { createCore } from '../core';
import { AppError } from '../errors';
import { silentLogger } from '../log';
import { previewDraft, renderDraft, validateDraft } from './index';
import { TemplateLibrary, defaultTemplatesDir } from './library';
import { analyseWordTemplate, guessFieldType, listWordTemplates, parsePlaceholder } from './word-template';
import { fillPlaceholders, placeholdersIn } from './word-xml';

describe('placeholders in Word XML', () => {
  it('finds a placeholder that Word split over runs, and fills it in the first run', () => {
    const xml = '<w:p><w:r><w:t>Hallo {{Vor</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>name</w:t></w:r><w:r><w:t>}}!</w:t></w:r></w:p>';
    expect(placeholdersIn(xml)).toEqual([{ name: 'Vorname', alone: false }]);
    expect(fillPlaceholders(xml, () => 'Erika & <Max>')).toBe(
      '<w:p><w:r><w:t xml:space="preserve">Hallo Erika &amp; &lt;Max&gt;</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"></w:t></w:r><w:r><w:t xml:space="preserve">!</w:t></w:r></w:p>',
    );
  });

  it('turns line breaks of a value into <w:br/> and leaves XML without placeholders untouched', () => {
    const xml = '<w:p><w:r><w:t>{{Text}}</w:t></w:r></w:p>';
    expect(fillPlaceholders(xml, () => 'a\nb')).toBe('<w:p><w:r><w:t xml:space="preserve">a</w:t><w:br/><w:t xml:space="preserve">b</w:t></w:r></w:p>');
    const plain = '<w:p><w:r><w:t>Kein Platzhalter &amp; nichts</w:t></w:r></w:p>';
    expect(fillPlaceholders(plain, () => 'x')).toBe(plain);
  });
});

describe("the office's own Word template", () => {
  let dir: ReturnType<typeof tempDir>;
  let library: TemplateLibrary;
  beforeEach(() => {
    dir = tempDir();
    library = new TemplateLibrary(defaultTemplatesDir(), dir.path);
  });
  afterEach(() => dir.remove());

  it('imports its placeholders as fields (split ones too; letterhead placeholders are filled from the settings)', () => {
    const info = library.importWord(officeTemplateDocx(), { fileName: 'Antwortschreiben Bauamt.docx' });
    expect(info).toMatchObject({ id: 'word-antwortschreiben-bauamt', title: 'Antwortschreiben Bauamt', source: 'imported', category: 'Eigene Vorlagen' });
    expect(info.fields.map((f) => [f.id, f.label, f.type])).toEqual([
      ['name', 'Name', 'text'],
      ['aktenzeichen', 'Aktenzeichen', 'reference'],
      ['text_der_antwort', 'Text der Antwort', 'multiline'],
      ['sachbearbeiter', 'Sachbearbeiter', 'text'],
    ]);
    expect(library.list().map((t) => t.id)).toContain('word-antwortschreiben-bauamt');
    // A second import of the same name gets its own id.
    expect(library.importWord(officeTemplateDocx(), { fileName: 'Antwortschreiben Bauamt.docx' }).id).toBe('word-antwortschreiben-bauamt-2');
  });

  it('exports a filled document that keeps the office layout and reopens', async () => {
    const { id } = library.importWord(officeTemplateDocx(), { fileName: 'Vorlage.docx' });
    const template = library.get(id);
    const values = { name: 'Frau Mustermann', aktenzeichen: '63-0142/2025', text_der_antwort: 'Erster Absatz & mehr.\nZweite Zeile.', sachbearbeiter: 'Anna Beispiel' };
    expect(validateDraft(template, values)).toEqual({});
    const docx = await renderDraft(template, values, TEST_LETTERHEAD, null);
    const parts = docxParts(docx);
    for (const [name, xml] of Object.entries(parts)) parseXmlStrict(xml, name);
    expect(parts['word/styles.xml']).toBe(OFFICE_STYLES);
    const document = parts['word/document.xml']!;
    expect(document).toContain('<w:pStyle w:val="Amtskopf"/>');
    expect(document).toContain('<w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Aktenzeichen: 63-0142/2025</w:t>');
    expect(document).toContain('<w:rPr><w:i/></w:rPr><w:t xml:space="preserve"> – bitte angeben.</w:t>');
    expect(document).not.toContain('{{');
    expect(parts['word/footer1.xml']).toContain('Bearbeitet von Anna Beispiel');
    const text = await docxText(docx);
    expect(text).toContain('Stadt Musterstadt');
    expect(text).toContain('Sehr geehrte(r) Frau Mustermann,');
    expect(text).toContain('Erster Absatz & mehr.');
    const preview = previewDraft(template, values, TEST_LETTERHEAD);
    expect(preview.layout).toBe('word');
    expect(preview.body.map((b) => b.runs[0]!.text)).toContain('Aktenzeichen: 63-0142/2025 – bitte angeben.');
  });

  it('requires every placeholder to be filled', async () => {
    const { id } = library.importWord(officeTemplateDocx(), { fileName: 'Vorlage.docx' });
    const error = await renderDraft(library.get(id), { name: 'X' }, TEST_LETTERHEAD, null).catch((e: unknown) => e);
    expect((error as AppError).fields).toEqual({ aktenzeichen: 'Bitte ausfüllen.', text_der_antwort: 'Bitte ausfüllen.', sachbearbeiter: 'Bitte ausfüllen.' });
  });

  it('refuses files that are no Word document or have no placeholder, in German', () => {
    expect(() => library.importWord(Buffer.from('kein zip'), { fileName: 'x.docx' })).toThrow(/keine gültige Word-Datei/);
    expect(() => library.importWord(new Uint8Array(0), { fileName: 'x.docx' })).toThrow(AppError);
  });

  it('removes an imported template, never a shipped one', () => {
    const { id } = library.importWord(officeTemplateDocx(), { fileName: 'Vorlage.docx' });
    const docx = (library.get(id) as { docx: string }).docx;
    library.removeImported(id);
    expect(existsSync(docx)).toBe(false);
    expect(() => library.get(id)).toThrow(/gibt es nicht/);
    expect(() => shippedLibrary(dir.path).removeImported('test')).toThrow(/Mitgelieferte Vorlagen/);
  });
});

describe('typed placeholders', () => {
  it('reads the type after the bar, in German, with the options of a choice', () => {
    expect(parsePlaceholder('Antragsdatum|Datum')).toEqual({ name: 'Antragsdatum', type: 'date', options: [] });
    expect(parsePlaceholder(' Gebühr | betrag ')).toEqual({ name: 'Gebühr', type: 'amount', options: [] });
    expect(parsePlaceholder('Konto|IBAN').type).toBe('iban');
    expect(parsePlaceholder('Unser Zeichen|Aktenzeichen').type).toBe('reference');
    expect(parsePlaceholder('Empfänger|Anschrift').type).toBe('address');
    expect(parsePlaceholder('Antragsteller|Person').type).toBe('person');
    expect(parsePlaceholder('Hinweise|Mehrzeilig').type).toBe('multiline');
    expect(parsePlaceholder('Datum der Sitzung|Text').type).toBe('text');
    expect(parsePlaceholder('Zustellung|Auswahl: Brief, E-Mail; Fax')).toEqual({ name: 'Zustellung', type: 'choice', options: ['Brief', 'E-Mail', 'Fax'] });
    expect(parsePlaceholder('Name')).toEqual({ name: 'Name', type: null, options: [] });
  });

  it('refuses an unknown type word, a choice without options and a bar without a name, in German', () => {
    expect(() => parsePlaceholder('Frist|Zeitraum')).toThrow('Unbekannter Feldtyp „Zeitraum“ in {{Frist|Zeitraum}}. Möglich sind: Text, Mehrzeilig, Datum, Betrag');
    expect(() => parsePlaceholder('Zustellung|Auswahl')).toThrow(/mindestens zwei Möglichkeiten/);
    expect(() => parsePlaceholder('|Datum')).toThrow(/fehlt vor dem „\|“ der Name/);
    expect(() => parsePlaceholder('Datum|Datum: heute')).toThrow(/nur für eine Auswahl/);
  });

  it('guesses the type from the name', () => {
    const guesses = ['Antragsdatum', 'Datum des Bescheids', 'Betrag', 'Gebühr', 'Gesamtsumme', 'IBAN', 'Aktenzeichen', 'Ihr Zeichen', 'Kassenzeichen', 'Anschrift', 'Adresse', 'E-Mail-Adresse', 'Name', 'Begründung'];
    expect(guesses.map((n) => [n, guessFieldType(n)])).toEqual([
      ['Antragsdatum', 'date'],
      ['Datum des Bescheids', 'date'],
      ['Betrag', 'amount'],
      ['Gebühr', 'amount'],
      ['Gesamtsumme', 'amount'],
      ['IBAN', 'iban'],
      ['Aktenzeichen', 'reference'],
      ['Ihr Zeichen', 'reference'],
      ['Kassenzeichen', 'reference'],
      ['Anschrift', 'address'],
      ['Adresse', 'address'],
      ['E-Mail-Adresse', null],
      ['Name', null],
      ['Begründung', null],
    ]);
  });

  it('makes typed fields of a document, a type split over runs too; a typed placeholder outranks a guess', () => {
    const { fields, names, typeOrigins } = analyseWordTemplate(typedTemplateDocx());
    expect(fields.map((f) => [f.id, f.label, f.type])).toEqual([
      ['antragsdatum', 'Antragsdatum', 'date'],
      ['kassenzeichen', 'Kassenzeichen', 'reference'],
      ['gebuehr', 'Gebühr', 'amount'],
      ['iban', 'IBAN', 'iban'],
      ['zustellung', 'Zustellung', 'choice'],
      ['termin', 'Termin', 'date'],
      ['begruendung', 'Begründung', 'multiline'],
    ]);
    expect(fields.find((f) => f.id === 'zustellung')!.options).toEqual([
      { value: 'Brief', label: 'Brief' },
      { value: 'E-Mail', label: 'E-Mail' },
    ]);
    expect(typeOrigins).toEqual({ antragsdatum: 'placeholder', kassenzeichen: 'name', gebuehr: 'name', iban: 'name', zustellung: 'placeholder', termin: 'placeholder', begruendung: 'alone' });
    expect(names).toMatchObject({ 'Antragsdatum|Datum': 'antragsdatum', 'Termin | Datum': 'termin', Termin: 'termin' });
    const named = (text: string) => wordDocx([`<w:p>${run(text)}</w:p>`]);
    expect(analyseWordTemplate(named('{{Frist|Datum}} {{Frist}}')).fields.map((f) => f.type)).toEqual(['date']);
    expect(analyseWordTemplate(named('{{Zahlungsdatum|Text}}')).fields.map((f) => f.type)).toEqual(['text']);
    expect(analyseWordTemplate(named('{{Art|Auswahl: A, B}} {{ Art | Auswahl: A; B }}')).fields.map((f) => f.options.length)).toEqual([2]);
    expect(() => analyseWordTemplate(named('{{Art|Auswahl: A, B}} {{Art|Auswahl: A, C}}'))).toThrow(/zwei verschiedene Typen/);
    expect(() => analyseWordTemplate(named('{{Frist|Datum}} {{Frist|Betrag}}'))).toThrow('Das Feld „Frist“ hat in der Word-Vorlage zwei verschiedene Typen: {{Frist|Datum}} und {{Frist|Betrag}}.');
    expect(() => analyseWordTemplate(named('{{Frist|Zeitraum}}'))).toThrow(AppError);
  });

  it('fills a placeholder with its type, split over runs, and removes the type from the document', () => {
    const xml = '<w:p><w:r><w:t>am {{Antrags</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>datum</w:t></w:r><w:r><w:t>|</w:t></w:r><w:r><w:t>Datum}}.</w:t></w:r></w:p>';
    expect(placeholdersIn(xml)).toEqual([{ name: 'Antragsdatum|Datum', alone: false }]);
    const filled = fillPlaceholders(xml, (name) => (name === 'Antragsdatum|Datum' ? '14.03.2025' : '?'));
    expect(filled).toBe(
      '<w:p><w:r><w:t xml:space="preserve">am 14.03.2025</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"></w:t></w:r><w:r><w:t xml:space="preserve"></w:t></w:r><w:r><w:t xml:space="preserve">.</w:t></w:r></w:p>',
    );
  });
});

const SHIPPED = MINIMAL_TEMPLATE;

/** A library whose one shipped template is SHIPPED, in a folder of its own (independent of templates/). */
function shippedLibrary(dataDir: string): TemplateLibrary {
  const shipped = join(dataDir, 'vorlagen');
  mkdirSync(join(shipped, 'blocks'), { recursive: true });
  writeFileSync(join(shipped, 'test.md'), SHIPPED);
  const library = new TemplateLibrary(shipped, dataDir);
  expect(library.problems()).toEqual([]);
  return library;
}

describe('typed fields of an imported Word template', () => {
  let dir: ReturnType<typeof tempDir>;
  let library: TemplateLibrary;
  beforeEach(() => {
    dir = tempDir();
    library = new TemplateLibrary(defaultTemplatesDir(), dir.path);
  });
  afterEach(() => dir.remove());

  const values = {
    antragsdatum: '2025-03-14',
    kassenzeichen: '5.0100.123456.7',
    gebuehr: '1234,56',
    iban: 'DE02120300000000202051',
    zustellung: 'E-Mail',
    termin: '1.4.2025',
    begruendung: 'Erster Absatz.\nZweiter Absatz.',
  };

  it('validates each field by its type, in German', () => {
    const { id } = library.importWord(typedTemplateDocx(), { fileName: 'Gebührenbescheid.docx' });
    const template = library.get(id);
    expect(validateDraft(template, values)).toEqual({});
    expect(validateDraft(template, { ...values, antragsdatum: '31.02.2025', gebuehr: 'zwölf Euro', iban: 'DE00 1234', zustellung: 'Fax' })).toEqual({
      antragsdatum: 'Bitte ein gültiges Datum angeben, z. B. 14.03.2025.',
      gebuehr: 'Bitte einen Betrag in Euro angeben, z. B. 1.234,56 (höchstens zwei Nachkommastellen).',
      iban: expect.stringMatching(/IBAN/),
      zustellung: 'Bitte eine der Möglichkeiten wählen: Brief, E-Mail.',
    });
  });

  it('formats dates and amounts in the filled document, every occurrence of a field', async () => {
    const { id } = library.importWord(typedTemplateDocx(), { fileName: 'Gebührenbescheid.docx' });
    const docx = await renderDraft(library.get(id), values, TEST_LETTERHEAD, null);
    const parts = docxParts(docx);
    for (const [name, xml] of Object.entries(parts)) parseXmlStrict(xml, name);
    expect(parts['word/document.xml']).not.toMatch(/\{\{|\|Datum|Auswahl/);
    const text = await docxText(docx);
    expect(text).toContain('Ihr Antrag vom 14.03.2025, Zeichen 5.0100.123456.7');
    expect(text).toContain('Die Gebühr beträgt 1.234,56 €. Bitte überweisen Sie auf DE02 1203 0000 0000 2020 51.');
    expect(text).toContain('Zustellung: E-Mail');
    expect(text).toContain('Termin am 01.04.2025 (wir erwarten Sie am 01.04.2025).');
  });

  it('changes a field\'s type, persisted in the description; the field is then validated and formatted by it', async () => {
    const { id } = library.importWord(wordDocx([`<w:p>${run('Frist: {{Frist}}')}</w:p>`]), { fileName: 'Frist.docx' });
    expect(library.get(id).info.fields[0]!.type).toBe('text');
    expect(validateDraft(library.get(id), { frist: 'bald' })).toEqual({});
    const info = library.setFieldType(id, 'frist', 'date');
    expect(info.fields[0]!.type).toBe('date');
    // A new library (as after a restart) reads the type from the JSON description.
    const reread = new TemplateLibrary(defaultTemplatesDir(), dir.path).get(id);
    expect(reread.info.fields[0]!.type).toBe('date');
    expect(listWordTemplates(dir.path).templates[0]!.typeOrigins).toEqual({ frist: 'set' });
    expect(validateDraft(reread, { frist: 'bald' })).toEqual({ frist: 'Bitte ein gültiges Datum angeben, z. B. 14.03.2025.' });
    expect(await docxText(await renderDraft(reread, { frist: '2025-03-14' }, TEST_LETTERHEAD, null))).toContain('Frist: 14.03.2025');
  });

  it('refuses to type an unknown field, a choice without options, or a shipped template', () => {
    const { id } = library.importWord(wordDocx([`<w:p>${run('{{Frist}}')}</w:p>`]), { fileName: 'Frist.docx' });
    expect(() => library.setFieldType(id, 'termin', 'date')).toThrow('Die Vorlage „Frist“ hat kein Feld „termin“.');
    expect(() => library.setFieldType(id, 'frist', 'choice')).toThrow(/Auswahl braucht ihre Möglichkeiten/);
    expect(() => library.setFieldType('word-gibt-es-nicht', 'frist', 'date')).toThrow(/gibt es nicht/);
    expect(() => shippedLibrary(dir.path).setFieldType('test', 'datum', 'text')).toThrow(/mitgelieferter Vorlagen/);
  });
});

describe('the call setTemplateFieldType', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.remove());

  it('types a field of a template imported in the app; the draft is then validated and exported by the new type', async () => {
    const file = join(dir.path, 'Fristbrief.docx');
    writeFileSync(file, wordDocx([`<w:p>${run('Bitte antworten Sie bis {{Fr')}${run('ist}}.')}</w:p>`]));
    const core = createCore({
      dataDir: join(dir.path, 'data'),
      env: {},
      logger: silentLogger,
      platform: { chooseOpenFile: async () => file, chooseSavePath: async (name) => join(dir.path, name) },
    });
    try {
      const { template } = await core.importWordTemplate();
      expect(template!.fields.map((f) => [f.id, f.type])).toEqual([['frist', 'text']]);
      const typed = await core.setTemplateFieldType({ templateId: template!.id, fieldId: 'frist', type: 'date' });
      expect(typed.fields[0]!.type).toBe('date');
      expect((await core.getTemplate({ id: template!.id })).fields[0]!.type).toBe('date');
      const draft = await core.createDraft({ templateId: template!.id });
      expect((await core.saveDraft({ id: draft.id, values: { frist: 'nächste Woche' } })).errors).toEqual({ frist: 'Bitte ein gültiges Datum angeben, z. B. 14.03.2025.' });
      await core.saveDraft({ id: draft.id, values: { frist: '14.3.2025' } });
      const { path } = await core.exportDraft({ id: draft.id });
      expect(await docxText(readFileSync(path!))).toContain('Bitte antworten Sie bis 14.03.2025.');
      await expect(core.setTemplateFieldType({ templateId: template!.id, fieldId: 'termin', type: 'date' })).rejects.toMatchObject({ code: 'not_found', userMessage: 'Die Vorlage „Fristbrief“ hat kein Feld „termin“.' });
    } finally {
      core.close();
    }
  });

  it('accepts only a known type and an id', () => {
    const arg = calls.setTemplateFieldType.arg;
    expect(arg.safeParse({ templateId: 'word-frist', fieldId: 'frist', type: 'amount' }).success).toBe(true);
    expect(arg.safeParse({ templateId: 'word-frist', fieldId: 'frist', type: 'Datum' }).success).toBe(false);
    expect(arg.safeParse({ templateId: 'word-frist', fieldId: '', type: 'date' }).success).toBe(false);
    expect(arg.safeParse({ templateId: 'word-frist', fieldId: 'frist', type: 'date', extra: 1 }).success).toBe(false);
  });
});
