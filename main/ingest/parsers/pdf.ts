import { getDocumentProxy } from 'unpdf';
import { authorityFromProperty, metaFromText, type MetaHints } from '../meta';
import { finishParsed, sectionHeadingLevel, startsList } from '../structure';
import { type Block, type ParsedDocument } from '../types';
import { FileError } from '../../file-error';

/** Fewer letters than this per page on average: the PDF is a scan without a text layer. */
const MIN_LETTERS_PER_PAGE = 20;

/**
 * How much of a PDF is read: a 20,000-page PDF (a scanned archive, a year
 * of minutes in one file) read whole took minutes and gigabytes.
 *
 * `maxPages`: pages read at most; 5,000 pages of text are more than a
 * statute, a budget plan or a handbook has.
 *
 * `maxPageSteps`: pages read × pages in the file, at most. pdf.js finds a
 * page by walking the page tree from its root; in a flat tree (one list of
 * all pages, as some programs write it) that is a step per page of the
 * file for every page read (figures in docs/performance.md). So a
 * file of more than 5,000 pages is read for fewer pages (20,000 pages: the
 * first 1,250), and the time stays bounded however the tree is built.
 */
export interface PdfLimits {
  maxPages: number;
  maxPageSteps: number;
}

export const PDF_LIMITS: PdfLimits = { maxPages: 5000, maxPageSteps: 5000 * 5000 };

/** A PDF as read: `pages` is the file's page count, `pagesRead` how many of them were read (see PdfLimits). */
interface ParsedPdf extends ParsedDocument {
  pages: number;
  pagesRead: number;
  /** Why not all of the file was read, in German for the clerk. */
  notice?: string;
}

/** The pages of a file of `pages` pages that are read. */
export const pagesToRead = (pages: number, limits: PdfLimits) => Math.max(1, Math.min(pages, limits.maxPages, Math.floor(limits.maxPageSteps / Math.max(1, pages))));

const pdfPageLimitNotice = (pages: number, read: number) => `Die PDF-Datei hat ${grouped(pages)} Seiten; nur die ersten ${grouped(read)} wurden indexiert.`;

/** 5000 → "5.000", without Intl (Node builds with small ICU know no German). */
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, '.');

/**
 * PDF text per page (unpdf's pdf.js); § and Abschnitt lines become
 * headings, the rest paragraphs with their page. Pages are read one after
 * the other and released once their text is taken (unpdf's extractText
 * loads them all at once), and only as many as `limits` allow.
 */
export async function parsePdf(bytes: Uint8Array, limits: PdfLimits = PDF_LIMITS): Promise<ParsedPdf> {
  const pages: string[] = [];
  let pageCount: number;
  let title: string | null = null;
  let hints: MetaHints;
  try {
    // A copy: pdf.js may take the buffer over, and the caller's bytes stay readable.
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    try {
      const info = ((await pdf.getMetadata().catch(() => null))?.info ?? {}) as Record<string, unknown>;
      const field = (name: string) => (typeof info[name] === 'string' ? (info[name] as string).trim() : '');
      if (field('Title')) title = field('Title');
      hints = metaFromText([field('Subject'), field('Keywords')]);
      const authority = authorityFromProperty(field('Author'));
      if (authority) hints.authority ??= authority;
      pageCount = pdf.numPages;
      const last = pageCount === 0 ? 0 : pagesToRead(pageCount, limits);
      for (let number = 1; number <= last; number++) {
        const page = await pdf.getPage(number);
        const content = await page.getTextContent();
        let text = '';
        for (const item of content.items) if ('str' in item) text += item.hasEOL ? `${item.str}\n` : item.str;
        pages.push(text);
        // The page's fonts and parsed content go; only its text stays.
        page.cleanup();
      }
    } finally {
      await pdf.destroy();
    }
  } catch (cause) {
    const name = (cause as { name?: string }).name;
    if (name === 'PasswordException') {
      throw new FileError('Die PDF-Datei ist mit einem Passwort geschützt.', 'encrypted pdf', { cause });
    }
    throw new FileError('Die PDF-Datei ist beschädigt und kann nicht gelesen werden.', `pdf parse failed: ${String(cause)}`, { cause });
  }
  const read = { pages: pageCount, pagesRead: pages.length, ...(pageCount > pages.length ? { notice: pdfPageLimitNotice(pageCount, pages.length) } : {}) };
  const letters = pages.reduce((n, p) => n + countLetters(p), 0);
  if (pages.length > 0 && letters / pages.length < MIN_LETTERS_PER_PAGE) {
    return { ...finishParsed({ title, blocks: [], scanned: true }), ...read };
  }
  const blocks: Block[] = [];
  pages.forEach((pageText, index) => {
    const page = index + 1;
    let para: string[] = [];
    const flush = () => {
      const text = para.join('\n').trim();
      if (text) blocks.push({ kind: 'text', text, page });
      para = [];
    };
    const lines = pageText.split(/\r?\n/);
    const levels = lines.map(sectionHeadingLevel);
    const isHeadingLine = (i: number) => (levels[i] ?? 0) > 0;
    lines.forEach((line, i) => {
      if (line.trim() === '') flush();
      // Three or more heading lines in a row are a table of contents, which stays text.
      else if (levels[i]! > 0 && !startsList(isHeadingLine, i) && !(isHeadingLine(i - 1) && (isHeadingLine(i + 1) || isHeadingLine(i - 2)))) {
        flush();
        blocks.push({ kind: 'heading', level: levels[i]!, text: line.trim().replace(/\s+/g, ' '), page });
      } else para.push(line);
    });
    flush();
  });
  return { ...finishParsed({ title, blocks, ...(Object.keys(hints).length > 0 ? { meta: hints } : {}) }), ...read };
}

const countLetters = (text: string) => text.replace(/\P{L}+/gu, '').length;
