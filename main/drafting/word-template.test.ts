import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_LETTERHEAD } from '../../e2e/fixtures/letterhead';
import { tempDir } from '../../e2e/fixtures/temp-dir';
import { docxParts, docxText, OFFICE_STYLES, officeTemplateDocx, parseXmlStrict } from '../../e2e/fixtures/word-docx';
import { AppError } from '../errors';
import { previewDraft, renderDraft, validateDraft } from './index';
import { TemplateLibrary, defaultTemplatesDir } from './library';
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
      ['aktenzeichen', 'Aktenzeichen', 'text'],
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
    expect(() => library.removeImported('eingangsbestaetigung')).toThrow(/Mitgelieferte Vorlagen/);
  });
});
