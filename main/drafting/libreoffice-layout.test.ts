/**
 * The layout as LibreOffice renders it: every shipped template is exported
 * to .docx and converted to PDF (one soffice start for all), and the PDF's
 * word boxes are checked against DIN 5008 Form B.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_LETTERHEAD, testPng } from '../../e2e/fixtures/letterhead';
import { convertToPdf, layoutToolsMissing, pdfWords, type PdfWord } from '../../e2e/fixtures/libreoffice';
import { tempDir } from '../../e2e/fixtures/temp-dir';
import { ADDRESS_FIELD, ADDRESS_ZONE, INFO_BLOCK } from './din5008';
import { inspectLogo, previewDraft, renderDraft } from './index';
import { defaultTemplatesDir, TemplateLibrary } from './library';

const missing = layoutToolsMissing();
if (missing) console.warn(`LibreOffice-Layouttest übersprungen: ${missing}`);

const library = new TemplateLibrary(defaultTemplatesDir(), '/nonexistent');
const ids = library.list().map((t) => t.id);
const logo = { ...inspectLogo(testPng()), data: testPng() };
let dir: ReturnType<typeof tempDir>;
const words = new Map<string, PdfWord[]>();

beforeAll(async () => {
  if (missing) return;
  dir = tempDir('stadtschreiber-lo-');
  mkdirSync(join(dir.path, 'pdf'));
  const files: string[] = [];
  for (const id of ids) {
    const file = join(dir.path, `${id}.docx`);
    writeFileSync(file, await renderDraft(library.get(id), library.sample(id), TEST_LETTERHEAD, logo));
    files.push(file);
  }
  const pdfs = convertToPdf(files, join(dir.path, 'pdf'), join(dir.path, 'profile'));
  ids.forEach((id, i) => words.set(id, pdfWords(pdfs[i]!)));
}, 300_000);
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
      // The return address in small type above it, still inside the window.
      const returnWords = firstPage.filter((w) => w.y2 <= ADDRESS_ZONE.y + 0.5 && w.y1 >= ADDRESS_FIELD.y && w.x1 < ADDRESS_FIELD.x + ADDRESS_FIELD.width);
      expect(normalise(returnWords.map((w) => w.text).join(' '))).toBe(letter.returnAddress);
      expect(returnWords.every((w) => inside(w, window) && w.y2 - w.y1 < 4)).toBe(true);
      // The information block to the right of the window.
      const date = letter.info.find((r) => r.label === 'Datum')!.value;
      const dateWord = firstPage.find((w) => w.text === date && w.x1 >= INFO_BLOCK.x)!;
      expect(dateWord.y1).toBeGreaterThan(INFO_BLOCK.y - 1);
      expect(dateWord.y2).toBeLessThan(ADDRESS_FIELD.y + ADDRESS_FIELD.height);
      // The subject starts below the address field; the body text of the fields is there.
      const subjectStart = firstPage.find((w) => w.text === letter.subject.split(' ')[0] && w.x1 < 30 && w.y1 > ADDRESS_FIELD.y + ADDRESS_FIELD.height)!;
      expect(subjectStart.y1).toBeGreaterThan(ADDRESS_FIELD.y + ADDRESS_FIELD.height);
      const text = normalise(all.map((w) => w.text).join(' '));
      for (const block of letter.body) expect(text).toContain(normalise(block.runs.map((r) => r.text).join('')));
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
});
