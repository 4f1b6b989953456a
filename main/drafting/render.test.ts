import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { TEST_LETTERHEAD, testPng } from '../../e2e/fixtures/letterhead';
import { docxParts, docxText, parseXmlStrict } from '../../e2e/fixtures/word-docx';
import { AppError } from '../errors';
import { AI_NOTICE, inspectLogo, renderDraft } from './index';
import { defaultTemplatesDir, TemplateLibrary } from './library';

const library = new TemplateLibrary(defaultTemplatesDir(), '/nonexistent');
const logo = { ...inspectLogo(testPng()), data: testPng() };

/** Text a value shows in the letter, for the check that the letter contains every filled field. */
function expectedTexts(values: Record<string, unknown>, choices: Set<string>): string[] {
  const out: string[] = [];
  // A choice field prints its option's wording, not its value.
  for (const [, value] of Object.entries(values).filter(([id]) => !choices.has(id))) {
    if (typeof value === 'string' && !/^\d{4}-\d{2}-\d{2}$|^\d|^(ja|nein|widerspruch|klage|gebuehr|keine)$/.test(value)) out.push(value.split('\n')[0]!);
    if (value && typeof value === 'object') out.push(...Object.values(value as Record<string, string>).filter((v) => v.length > 3));
  }
  return out;
}

describe('rendering every shipped template', () => {
  for (const info of library.list()) {
    it(`${info.id}: a well-formed .docx that mammoth reopens with the field values`, async () => {
      const values = library.sample(info.id);
      const docx = await renderDraft(library.get(info.id), values, TEST_LETTERHEAD, logo);
      const parts = docxParts(docx);
      for (const [name, xml] of Object.entries(parts)) parseXmlStrict(xml, name);
      const text = await docxText(docx);
      const choices = new Set(info.fields.filter((f) => f.type === 'choice').map((f) => f.id));
      for (const expected of expectedTexts(values, choices)) expect(text).toContain(expected);
      expect(text).toContain('Mit freundlichen Grüßen');
    });
  }
});

describe('the .docx layout', () => {
  it('has a first page of its own (letterhead) and "Seite X von Y" in the header of the following pages', async () => {
    const docx = await renderDraft(library.get('ablehnungsbescheid'), library.sample('ablehnungsbescheid'), TEST_LETTERHEAD, logo);
    const parts = docxParts(docx);
    const document = parts['word/document.xml']!;
    expect(document).toContain('<w:titlePg/>');
    const headers = Object.entries(parts).filter(([name]) => /^word\/header\d+\.xml$/.test(name));
    const numbered = headers.filter(([, xml]) => xml.includes('PAGE') && xml.includes('NUMPAGES'));
    expect(numbered).toHaveLength(1);
    expect(numbered[0]![1]).toMatch(/Seite /);
    const first = /<w:headerReference w:type="first" r:id="(rId\d+)"/.exec(document)![1];
    const firstTarget = new RegExp(`Id="${first}"[^>]*Target="([^"]+)"`).exec(parts['word/_rels/document.xml.rels']!)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${first}"`).exec(parts['word/_rels/document.xml.rels']!)![1];
    expect(parts[`word/${firstTarget}`]).not.toContain('NUMPAGES');
    expect(parts[`word/${firstTarget}`]).toContain('Stadt Musterstadt');
  });

  it('places the address and the information block in frames at DIN 5008 positions, in Arial', async () => {
    const docx = await renderDraft(library.get('eingangsbestaetigung'), library.sample('eingangsbestaetigung'), TEST_LETTERHEAD, null);
    const document = docxParts(docx)['word/document.xml']!;
    const twips = (mm: number) => Math.round((mm * 1440) / 25.4);
    const frames = [...document.matchAll(/<w:framePr ([^>]*)\/>/g)].map((m) => Object.fromEntries([...m[1]!.matchAll(/w:(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]])));
    // Anschriftzone: 17.7 mm below the top of the address field (45 mm), 27.3 mm high, text from 25 mm, to the window's right edge (105 mm).
    expect(frames).toContainEqual({ w: String(twips(80)), h: String(twips(27.3)), x: String(twips(25)), y: String(twips(45 + 17.7)), hAnchor: 'page', vAnchor: 'page', hRule: 'exact', wrap: 'through' });
    // Information block: 125 mm from the left, from 50 mm.
    expect(frames.some((f) => f.x === String(twips(125)) && f.y === String(twips(50)) && f.hAnchor === 'page')).toBe(true);
    expect(document).toContain('w:ascii="Arial"');
  });

  it('puts the logo into the letterhead and the bank details into the footer', async () => {
    const docx = await renderDraft(library.get('zahlungserinnerung'), library.sample('zahlungserinnerung'), TEST_LETTERHEAD, logo);
    const parts = docxParts(docx);
    const media = Object.keys(unzipSync(docx)).filter((n) => n.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    const footers = Object.entries(parts).filter(([name]) => /^word\/footer\d+\.xml$/.test(name)).map(([, xml]) => xml);
    expect(footers.length).toBeGreaterThan(0);
    for (const footer of footers) expect(footer).toContain('IBAN DE89 3704 0044 0532 0130 00');
  });

  it('adds the AI notice to the footer only when the options ask for it', async () => {
    const template = library.get('zwischennachricht');
    const without = await renderDraft(template, library.sample('zwischennachricht'), TEST_LETTERHEAD, null);
    const withNotice = await renderDraft(template, library.sample('zwischennachricht'), TEST_LETTERHEAD, null, { aiNotice: AI_NOTICE });
    const footers = (docx: Buffer) => Object.entries(docxParts(docx)).filter(([n]) => n.includes('footer')).map(([, xml]) => xml).join('');
    expect(footers(without)).not.toContain('KI-System');
    expect(footers(withNotice)).toContain(AI_NOTICE);
  });

  it('refuses invalid values with one German message per field and writes nothing', async () => {
    const values = { ...library.sample('gebuehrenbescheid'), betrag: 'achtzig', kassenzeichen: '' };
    const error = await renderDraft(library.get('gebuehrenbescheid'), values, TEST_LETTERHEAD, null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_argument');
    expect((error as AppError).fields).toEqual({
      betrag: 'Bitte einen Betrag in Euro angeben, z. B. 1.234,56 (höchstens zwei Nachkommastellen).',
      kassenzeichen: 'Bitte ausfüllen.',
    });
  });

  it('escapes what a clerk types (& < > and control characters) so that the file stays valid', async () => {
    const values = { ...library.sample('antwort-buergeranfrage'), antwort: 'A & B <c> "d"\u0007 – ok' };
    const docx = await renderDraft(library.get('antwort-buergeranfrage'), values, TEST_LETTERHEAD, null);
    const xml = docxParts(docx)['word/document.xml']!;
    parseXmlStrict(xml, 'document.xml');
    expect(xml).not.toContain('\u0007');
    expect(await docxText(docx)).toContain('A & B <c> "d"');
  });
});
