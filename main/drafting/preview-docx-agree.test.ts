/**
 * What the preview shows is what prints: for every shipped template (and
 * letters with Vermerk, Anlagen, machine signature, a long letterhead) the
 * text of the LetterPreview is the text of the .docx, in order (that the
 * preview component shows every part of a LetterPreview in this order is
 * renderer/pages/drafts/LetterPreviewView.test.tsx). Also the DIN 5008 parts composed for it
 * (Vermerkzone, return address, signature, Anlagen) and the address check
 * of the window. No LibreOffice needed.
 */
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { LONG_LETTERHEAD, vermerkTemplate } from '../../e2e/fixtures/din5008-letters';
import { TEST_LETTERHEAD } from '../../e2e/fixtures/letterhead';
import type { FieldValues, LetterPreview, Letterhead } from '../contract';
import { MACHINE_SIGNATURE_NOTE } from './compose';
import { layoutReturnAddress, textWidthMm, WINDOW_TEXT_WIDTH } from './din5008';
import { validateFieldValues } from './field-values';
import { previewDraft, renderDraft, validateDraft, type Template } from './index';
import { defaultTemplatesDir, TemplateLibrary } from './library';

const library = new TemplateLibrary(defaultTemplatesDir(), '/nonexistent');
const ids = library.list().map((t) => t.id);

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

function xmlText(xml: string): string {
  return normalise(
    xml
      .replace(/<w:instrText[^>]*>[\s\S]*?<\/w:instrText>/g, '')
      .replace(/<w:(tab|br)\/>/g, ' ')
      .replace(/<\/w:p>/g, ' ')
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

async function docxText(template: Template, values: FieldValues, letterhead: Letterhead, aiNotice?: string) {
  const files = unzipSync(new Uint8Array(await renderDraft(template, values, letterhead, null, { aiNotice })));
  const part = (prefix: string) =>
    Object.keys(files)
      .filter((name) => name.startsWith(`word/${prefix}`) && name.endsWith('.xml'))
      .sort()
      .map((name) => xmlText(strFromU8(files[name]!)));
  return { document: xmlText(strFromU8(files['word/document.xml']!)), headers: part('header'), footers: part('footer') };
}

/** The letter's text in print order, as the preview's data says. */
function previewText(letter: LetterPreview): string {
  return normalise(
    [
      ...letter.noteZone,
      ...letter.returnAddressLines,
      ...letter.recipient,
      ...letter.info.map((row) => `${row.label}: ${row.value}`),
      letter.subject,
      letter.salutation,
      ...letter.body.map((b) => (b.kind === 'listItem' ? '– ' : '') + b.runs.map((r) => r.text).join('')),
      letter.closing,
      ...letter.signature,
      letter.signatureNote ?? '',
      ...(letter.enclosures.length > 0 ? [letter.enclosures.length === 1 ? 'Anlage' : 'Anlagen', ...letter.enclosures] : []),
    ].join(' '),
  );
}

const cases: { name: string; template: () => Template; values: () => FieldValues; letterhead: Letterhead; aiNotice?: string }[] = [
  ...ids.map((id) => ({ name: id, template: () => library.get(id), values: () => library.sample(id), letterhead: TEST_LETTERHEAD })),
  { name: 'Vermerk und Anlagen', template: vermerkTemplate, values: () => (vermerkTemplate() as { sample: FieldValues }).sample, letterhead: TEST_LETTERHEAD },
  {
    name: 'maschinell erstellt, langer Briefkopf, KI-Hinweis',
    template: vermerkTemplate,
    values: () => (vermerkTemplate() as { sample: FieldValues }).sample,
    letterhead: { ...LONG_LETTERHEAD, signatureMode: 'machine' },
    aiNotice: 'Mit KI-Unterstützung entworfen.',
  },
];

describe('the preview shows what the .docx prints', () => {
  it('has shipped templates to check', () => {
    expect(ids.length).toBeGreaterThan(0);
  });
  for (const c of cases) {
    it(`${c.name}: the preview's parts and the .docx have the same text in the same order`, async () => {
      const template = c.template();
      const values = c.values() as FieldValues;
      expect(validateDraft(template, values)).toEqual({});
      const letter = previewDraft(template, values, c.letterhead, { aiNotice: c.aiNotice });
      const docx = await docxText(template, values, c.letterhead, c.aiNotice);
      expect(docx.document).toBe(previewText(letter));
      // Headers hold the letterhead only ("Seite X von Y" from page 2), footers the letterhead and the AI notice.
      for (const header of docx.headers) expect(header.replace(/Seite von/, '')).toMatch(new RegExp(`^${c.letterhead.authority}( ${c.letterhead.department})?\\s*$`));
      if (c.aiNotice) for (const footer of docx.footers) expect(footer.startsWith(c.aiNotice)).toBe(true);
      else for (const footer of docx.footers) expect(footer.startsWith(c.letterhead.authority)).toBe(true);
    });
  }
});

describe('DIN 5008 parts of the composed letter', () => {
  const template = vermerkTemplate();
  const sample = (template as { sample: FieldValues }).sample;

  it('keeps the last paragraph with the closing, leaves a blank line after a list and three lines for the signature', async () => {
    const files = unzipSync(new Uint8Array(await renderDraft(template, sample, TEST_LETTERHEAD, null)));
    const paragraphs = strFromU8(files['word/document.xml']!).split('</w:p>');
    const index = (text: string) => paragraphs.findIndex((p) => xmlText(p) === text);
    const closing = index('Mit freundlichen Grüßen');
    expect(paragraphs[closing - 1]).toMatch(/<w:keepNext\/>/);
    expect(paragraphs[closing - 1]).toMatch(/<w:keepLines\/>/);
    expect(xmlText(paragraphs[closing - 1]!)).toBe('Letzter Absatz.');
    // Every paragraph of the ending but the last keeps with the next.
    const ending = paragraphs.slice(closing, index('Lageplan'));
    for (const p of ending) expect(p).toMatch(/<w:keepNext\/>/);
    expect(paragraphs[index('– eins')]).toMatch(/w:after="60"/);
    expect(paragraphs[index('– zwei')]).toMatch(/w:after="240"/);
    expect(paragraphs[index('Anna Beispiel')]).toMatch(/w:before="759"/);
  });

  it('fills the Vermerkzone from letter.noteZone (at most 3 lines) and the Anlagen from letter.enclosures', () => {
    const letter = previewDraft(template, sample, TEST_LETTERHEAD);
    expect(letter.noteZone).toEqual(['Einschreiben']);
    expect(letter.enclosures).toEqual(['Bescheid vom 01.03.2025', 'Lageplan']);
    const three = previewDraft(template, { ...sample, anlagen: '' }, TEST_LETTERHEAD);
    expect(three.enclosures).toEqual([]);
    const none = previewDraft(template, { ...sample, versandart: '' }, TEST_LETTERHEAD);
    expect(none.noteZone).toEqual([]);
    const shipped = previewDraft(library.get(ids[0]!), library.sample(ids[0]!), TEST_LETTERHEAD);
    expect(shipped.noteZone).toEqual([]);
    expect(shipped.enclosures).toEqual([]);
  });

  it('leaves space for the signature when signed, and prints the machine line instead when not', () => {
    const signed = previewDraft(template, sample, TEST_LETTERHEAD);
    expect(signed.signatureMode).toBe('signed');
    expect(signed.signature).toEqual(['Im Auftrag', '', 'Anna Beispiel']);
    expect(signed.signatureNote).toBeNull();
    const machine = previewDraft(template, sample, { ...TEST_LETTERHEAD, signatureMode: 'machine' });
    expect(machine.signatureMode).toBe('machine');
    expect(machine.signature).toEqual(['Im Auftrag', 'Anna Beispiel']);
    expect(machine.signatureNote).toBe(MACHINE_SIGNATURE_NOTE);
    expect(MACHINE_SIGNATURE_NOTE).toBe('Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig.');
  });

  it('shrinks the return address to 6 pt and wraps it within the window, never dropping a word', () => {
    expect(layoutReturnAddress('Stadt Musterstadt · Ordnungsamt · Markt 1 · 12345 Musterstadt')).toMatchObject({ sizePt: 7, lines: ['Stadt Musterstadt · Ordnungsamt · Markt 1 · 12345 Musterstadt'] });
    const letter = previewDraft(template, sample, LONG_LETTERHEAD);
    const layout = layoutReturnAddress(letter.returnAddress);
    expect(layout.sizePt).toBe(6);
    expect(letter.returnAddressLines).toEqual(layout.lines);
    expect(layout.lines.length).toBeGreaterThan(1);
    expect(layout.lines.length).toBeLessThanOrEqual(3);
    for (const line of layout.lines) expect(textWidthMm(line, 6)).toBeLessThanOrEqual(WINDOW_TEXT_WIDTH);
    const words = (text: string) => normalise(text.replace(/·/g, ' '));
    expect(words(layout.lines.join(' '))).toBe(words(letter.returnAddress));
  });
});

describe('the address must fit the window', () => {
  const field = { id: 'empfaenger', label: 'Empfänger', type: 'address' as const, required: true, requiredWhen: null, default: null, help: '', options: [], ai: false };
  const check = (value: FieldValues[string]) => validateFieldValues([field], { empfaenger: value }).errors.empfaenger;

  it('accepts six lines, a foreign address with its country among them', () => {
    expect(check({ organisation: 'Muster GmbH', salutation: 'Frau', firstName: 'Erika', lastName: 'Mustermann', extra: 'Abteilung Einkauf', street: 'Hauptstraße 12', postalCode: '12345', city: 'Musterstadt' })).toBeUndefined();
    expect(check({ salutation: 'Herr', firstName: 'Jan', lastName: 'Jansen', extra: 'c/o Gemeente', street: 'Keizersgracht 1', postalCode: '1015 CS', city: 'Amsterdam', country: 'Niederlande' })).toBeUndefined();
  });

  it('refuses a seventh line (a part written on two lines) with a German message naming the limit', () => {
    const message = check({ salutation: 'Herr', firstName: 'Jan', lastName: 'Jansen', organisation: 'Gemeente Amsterdam', extra: 'Afdeling Vergunningen\nKamer 3', street: 'Keizersgracht 1', postalCode: '1015 CS', city: 'Amsterdam', country: 'Niederlande' });
    expect(message).toMatch(/^Die Anschrift hat 7 Zeilen; ins Sichtfenster passen höchstens 6\./);
  });

  it('refuses a line wider than the window', () => {
    expect(check({ organisation: 'Gemeinnützige Wohnungsbaugesellschaft der Verbandsgemeinde Musterstadt-Land mbH', street: 'Weg 1', postalCode: '12345', city: 'Musterstadt' })).toMatch(/ist zu lang für das Sichtfenster/);
  });

  it('so preview and export refuse it', async () => {
    const template = vermerkTemplate();
    const values = { ...(template as { sample: FieldValues }).sample, empfaenger: { organisation: 'A GmbH', lastName: 'B', extra: 'Zusatz\nZweite Zeile', street: 'Rue 1', postalCode: '75001', city: 'Paris', country: 'Frankreich' } };
    expect(validateDraft(template, values).empfaenger).toMatch(/7 Zeilen/);
    expect(previewDraft(template, values, TEST_LETTERHEAD).recipient).toEqual([]);
    await expect(renderDraft(template, values, TEST_LETTERHEAD, null)).rejects.toMatchObject({ fields: { empfaenger: expect.stringMatching(/7 Zeilen/) } });
  });
});
