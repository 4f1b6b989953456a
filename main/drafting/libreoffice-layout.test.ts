/**
 * The layout as LibreOffice renders it: every shipped template (and letters
 * with a long letterhead, a foreign address, a Vermerk, Anlagen, the machine
 * signature, bodies of many lengths) is exported to .docx and converted to
 * PDF (one soffice start for all), and the PDF's word boxes and the drawn
 * fold marks are checked against DIN 5008 Form B.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LONG_LETTERHEAD, vermerkTemplate } from '../../e2e/fixtures/din5008-letters';
import { TEST_LETTERHEAD, testPng } from '../../e2e/fixtures/letterhead';
import { convertToPdf, layoutToolsMissing, pdfLeftEdgeStrokes, pdfWords, type PdfStroke, type PdfWord } from '../../e2e/fixtures/libreoffice';
import { tempDir } from '../../e2e/fixtures/temp-dir';
import type { FieldValues, LetterPreview, Letterhead } from '../contract';
import { ADDRESS_FIELD, ADDRESS_ZONE, INFO_BLOCK, MARGIN, MARKS, PAGE } from './din5008';
import { inspectLogo, previewDraft, renderDraft, type Template } from './index';
import { defaultTemplatesDir, TemplateLibrary } from './library';

const missing = layoutToolsMissing();
if (missing) console.warn(`LibreOffice-Layouttest übersprungen: ${missing}`);

const library = new TemplateLibrary(defaultTemplatesDir(), '/nonexistent');
const ids = library.list().map((t) => t.id);
const logo = { ...inspectLogo(testPng()), data: testPng() };
let dir: ReturnType<typeof tempDir>;
const words = new Map<string, PdfWord[]>();
const marks = new Map<string, PdfStroke[][]>();

/** The extra letters: name → template, values, letterhead. */
const vermerk = vermerkTemplate();
const vermerkSample = (vermerk as { sample: FieldValues }).sample;
const FOREIGN = { organisation: 'Gemeente Amsterdam', salutation: 'Herr' as const, firstName: 'Jan', lastName: 'Jansen', extra: 'Afdeling Vergunningen', street: 'Keizersgracht 1', postalCode: '1015 CS', city: 'Amsterdam', country: 'Niederlande' };
const sentence = (i: number) => `Dies ist Satz ${i} des Schreibens, damit der Text wächst.`;
/** Bodies of many lengths: short paragraphs, and one long last paragraph; somewhere the closing reaches page 2. */
const lengths = [
  ...Array.from({ length: 12 }, (_, k) => ({ name: `absaetze-${k + 12}`, text: Array.from({ length: k + 12 }, (_, i) => sentence(i + 1)).join('\n\n') })),
  ...Array.from({ length: 12 }, (_, k) => ({ name: `zeilen-${k + 26}`, text: `Vorweg.\n\n${Array.from({ length: k + 26 }, (_, i) => sentence(i + 1)).join('\n')}` })),
];
const extras: { name: string; template: Template; values: FieldValues; letterhead: Letterhead }[] = [
  { name: 'lang-ausland', template: vermerk, values: { ...vermerkSample, empfaenger: FOREIGN }, letterhead: LONG_LETTERHEAD },
  { name: 'maschinell', template: vermerk, values: vermerkSample, letterhead: { ...TEST_LETTERHEAD, signatureMode: 'machine' } },
  ...lengths.map((l) => ({ name: l.name, template: vermerk, values: { ...vermerkSample, text: l.text }, letterhead: TEST_LETTERHEAD })),
];
const letters = new Map<string, LetterPreview>();

beforeAll(async () => {
  if (missing) return;
  dir = tempDir('stadtschreiber-lo-');
  mkdirSync(join(dir.path, 'pdf'));
  const files: string[] = [];
  const all = [...ids.map((id) => ({ name: id, template: library.get(id), values: library.sample(id), letterhead: TEST_LETTERHEAD })), ...extras];
  for (const letter of all) {
    const file = join(dir.path, `${letter.name}.docx`);
    writeFileSync(file, await renderDraft(letter.template, letter.values, letter.letterhead, logo));
    letters.set(letter.name, previewDraft(letter.template, letter.values, letter.letterhead));
    files.push(file);
  }
  const pdfs = convertToPdf(files, join(dir.path, 'pdf'), join(dir.path, 'profile'));
  all.forEach((letter, i) => {
    const found = pdfWords(pdfs[i]!);
    words.set(letter.name, found);
    const pages = Math.max(...found.map((w) => w.page));
    marks.set(letter.name, Array.from({ length: pages }, (_, p) => pdfLeftEdgeStrokes(pdfs[i]!, p + 1)));
  });
}, 600_000);
afterAll(() => dir?.remove());

const inside = (w: PdfWord, box: { x1: number; y1: number; x2: number; y2: number }) => w.x1 >= box.x1 && w.x2 <= box.x2 && w.y1 >= box.y1 && w.y2 <= box.y2;
const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

describe.skipIf(missing !== null)('LibreOffice renders every shipped template in DIN 5008 Form B', () => {
  for (const id of ids) {
    it(`${id}: the recipient's address sits inside the window, the fields' text is in the PDF`, () => {
      const all = words.get(id)!;
      const letter = previewDraft(library.get(id), library.sample(id), TEST_LETTERHEAD);
      const firstPage = all.filter((w) => w.page === 1);
      const window = { x1: ADDRESS_FIELD.x, y1: ADDRESS_FIELD.y, x2: ADDRESS_FIELD.x + ADDRESS_FIELD.width, y2: ADDRESS_FIELD.y + ADDRESS_FIELD.height };
      const zone = { ...window, y1: ADDRESS_ZONE.y - 0.5 };
      // Every word of every recipient line, found on page 1 inside the Anschriftzone.
      for (const line of letter.recipient) {
        for (const part of line.split(/\s+/)) {
          const found = firstPage.filter((w) => w.text === part);
          expect(found.length, `"${part}" on page 1`).toBeGreaterThan(0);
          expect(found.some((w) => inside(w, zone)), `"${part}" inside the address zone: ${JSON.stringify(found)}`).toBe(true);
        }
      }
      // The Vermerke (if any) and the return address in small type above it, still inside the window.
      const returnWords = firstPage.filter((w) => w.y2 <= ADDRESS_ZONE.y + 0.5 && w.y1 >= ADDRESS_FIELD.y && w.x1 < ADDRESS_FIELD.x + ADDRESS_FIELD.width);
      expect(normalise(returnWords.map((w) => w.text).join(' '))).toBe(normalise([...letter.noteZone, letter.returnAddress].join(' ')));
      expect(returnWords.every((w) => inside(w, window) && w.y2 - w.y1 < 4)).toBe(true);
      // The information block to the right of the window.
      const date = letter.info.find((r) => r.label === 'Datum')!.value;
      const dateWord = firstPage.find((w) => w.text === date && w.x1 >= INFO_BLOCK.x)!;
      expect(dateWord.y1).toBeGreaterThan(INFO_BLOCK.y - 1);
      expect(dateWord.y2).toBeLessThan(ADDRESS_FIELD.y + ADDRESS_FIELD.height);
      // The subject starts below the address field; the body text of the fields is there.
      const subjectStart = firstPage.find((w) => w.text === letter.subject.split(' ')[0] && w.x1 < 30 && w.y1 > ADDRESS_FIELD.y + ADDRESS_FIELD.height)!;
      expect(subjectStart.y1).toBeGreaterThan(ADDRESS_FIELD.y + ADDRESS_FIELD.height);
      // The body text, without headers and footers (a paragraph may go on on the next page).
      const text = normalise(all.filter((w) => w.y1 >= MARGIN.top - 2 && w.y2 <= PAGE.height - MARGIN.bottom + 1).map((w) => w.text).join(' '));
      // A line may end after a hyphen ("Nordrhein-" / "Westfalen").
      const joined = (t: string) => t.replace(/-\s+/g, '-');
      for (const block of letter.body) expect(joined(text)).toContain(joined(normalise(block.runs.map((r) => r.text).join(''))));
    });
  }

  it('numbers pages from page 2 only ("Seite 2 von 2")', () => {
    const multi = ids.map((id) => words.get(id)!).filter((w) => w.some((x) => x.page === 2));
    expect(multi.length).toBeGreaterThan(0);
    for (const all of multi) {
      const pages = Math.max(...all.map((w) => w.page));
      const text = (page: number) => normalise(all.filter((w) => w.page === page).map((w) => w.text).join(' '));
      expect(text(1)).not.toContain('Seite 1 von');
      expect(text(2)).toContain(`Seite 2 von ${pages}`);
    }
  });

  it('draws the fold marks (105 mm, 210 mm) and the longer punch mark (148.5 mm) at the left edge of every page', () => {
    const multi = [...marks.entries()].filter(([, pages]) => pages.length > 1);
    expect(multi.length).toBeGreaterThan(0);
    for (const [name, pages] of marks) {
      pages.forEach((strokes, p) => {
        const where = `${name}, Seite ${p + 1}: ${JSON.stringify(strokes)}`;
        expect(strokes.length, where).toBe(MARKS.length);
        MARKS.forEach((y, i) => {
          expect(Math.abs(strokes[i]!.y - y), where).toBeLessThanOrEqual(1);
          expect(strokes[i]!.x1, where).toBeLessThan(10);
        });
        const length = (s: PdfStroke) => s.x2 - s.x1;
        expect(length(strokes[0]!), where).toBeGreaterThanOrEqual(3);
        expect(length(strokes[1]!), where).toBeGreaterThan(length(strokes[0]!) + 1);
      });
    }
  });

  it('wraps a long return address (long authority and department) in the Vermerkzone: every word in the window, none clipped', () => {
    const letter = letters.get('lang-ausland')!;
    const firstPage = words.get('lang-ausland')!.filter((w) => w.page === 1);
    expect(letter.returnAddressLines.length).toBeGreaterThan(1);
    const window = { x1: ADDRESS_FIELD.x, y1: ADDRESS_FIELD.y, x2: ADDRESS_FIELD.x + ADDRESS_FIELD.width, y2: ADDRESS_ZONE.y + 0.5 };
    const returnWords = firstPage.filter((w) => inside(w, window) && w.text !== 'Einschreiben');
    const expected = letter.returnAddress.split(/\s+/).filter((word) => word !== '·');
    expect(returnWords.map((w) => w.text).filter((t) => t !== '·')).toEqual(expected);
    expect(returnWords.every((w) => w.y2 - w.y1 < 3.5)).toBe(true);
  });

  it('puts the Vermerk ("Einschreiben") in the Vermerkzone above the return address', () => {
    for (const name of ['lang-ausland', 'maschinell']) {
      const firstPage = words.get(name)!.filter((w) => w.page === 1);
      const note = firstPage.filter((w) => w.text === 'Einschreiben');
      expect(note, name).toHaveLength(1);
      const returnTop = Math.min(...firstPage.filter((w) => w.x1 < ADDRESS_FIELD.x + ADDRESS_FIELD.width && w.y1 > ADDRESS_FIELD.y && w.y2 <= ADDRESS_ZONE.y + 0.5 && w.text !== 'Einschreiben').map((w) => w.y1));
      expect(note[0]!.y1, name).toBeGreaterThanOrEqual(ADDRESS_FIELD.y);
      expect(note[0]!.x1, name).toBeGreaterThanOrEqual(ADDRESS_FIELD.x);
      expect(note[0]!.y2, name).toBeLessThanOrEqual(returnTop + 0.3);
    }
  });

  it('fits a foreign address of six lines, country last, into the Anschriftzone', () => {
    const letter = letters.get('lang-ausland')!;
    expect(letter.recipient).toHaveLength(6);
    expect(letter.recipient.at(-1)).toBe('NIEDERLANDE');
    const firstPage = words.get('lang-ausland')!.filter((w) => w.page === 1);
    const zone = { x1: ADDRESS_FIELD.x, y1: ADDRESS_ZONE.y - 0.5, x2: ADDRESS_FIELD.x + ADDRESS_FIELD.width, y2: ADDRESS_FIELD.y + ADDRESS_FIELD.height };
    for (const part of letter.recipient.join(' ').split(/\s+/)) {
      expect(firstPage.some((w) => w.text === part && inside(w, zone)), `"${part}" in the address zone`).toBe(true);
    }
  });

  it('leaves at least 12 mm for the signature between "Im Auftrag" and the name; the machine letter says it needs none', () => {
    for (const [name, letter] of letters) {
      const all = words.get(name)!;
      const auftrag = all.filter((w) => w.text === 'Auftrag').at(-1)!;
      const signer = all.filter((w) => w.text === 'Beispiel' && w.page === auftrag.page && w.y1 > auftrag.y1 && w.x1 < 60).at(0);
      expect(signer, `${name}: the name under "Im Auftrag"`).toBeDefined();
      const gap = signer!.y1 - auftrag.y2;
      if (letter.signatureMode === 'signed') expect(gap, name).toBeGreaterThanOrEqual(12);
      else {
        expect(gap, name).toBeLessThan(5);
        const text = normalise(all.filter((w) => w.page === auftrag.page && w.y1 > signer!.y1).map((w) => w.text).join(' '));
        expect(text).toContain(letter.signatureNote!);
      }
    }
  });

  it('prints the Anlagen after the signature', () => {
    const all = words.get('maschinell')!;
    const heading = all.find((w) => w.text === 'Anlagen')!;
    const signer = all.filter((w) => w.text === 'Beispiel').at(-1)!;
    expect(heading.page * 1000 + heading.y1).toBeGreaterThan(signer.page * 1000 + signer.y1);
    expect(normalise(all.filter((w) => w.page === heading.page && w.y1 > heading.y1).map((w) => w.text).join(' '))).toContain('Bescheid vom 01.03.2025 Lageplan');
    expect(heading.page, 'the Anlagen with the signature').toBe(signer.page);
  });

  it('leaves a blank line after a list before the next paragraph', () => {
    const all = words.get('maschinell')!;
    const y = (text: string) => all.find((w) => w.text === text)!.y1;
    const itemStep = y('zwei') - y('eins');
    const afterList = y('Letzter') - y('zwei');
    expect(itemStep).toBeGreaterThan(3);
    expect(afterList - itemStep).toBeGreaterThanOrEqual(2.5);
  });

  it('never leaves the closing and the signature alone on a page, whatever the body length', () => {
    let reachedPage2 = 0;
    for (const [name, letter] of letters) {
      const all = words.get(name)!;
      const closingWord = letter.closing.split(/\s+/).at(-1)!;
      const closing = all.filter((w) => w.text === closingWord).at(-1)!;
      expect(closing, `${name}: closing`).toBeDefined();
      if (closing.page > 1) reachedPage2++;
      const bodyAbove = all.filter((w) => w.page === closing.page && w.y1 >= MARGIN.top - 1 && w.y2 < closing.y1);
      expect(bodyAbove.length, `${name}: page ${closing.page} holds body text above the closing`).toBeGreaterThan(0);
      // The signature follows on the same page as the closing.
      const auftrag = all.filter((w) => w.text === 'Auftrag').at(-1)!;
      expect(auftrag.page, `${name}: "Im Auftrag" with the closing`).toBe(closing.page);
    }
    expect(reachedPage2).toBeGreaterThan(0);
  });
});