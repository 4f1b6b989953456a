import { extractText, getDocumentProxy } from 'unpdf';
import { authorityFromProperty, metaFromText, type MetaHints } from '../meta';
import { finishParsed, sectionHeadingLevel, startsList } from '../structure';
import { FileError, type Block, type ParsedDocument } from '../types';

/** Fewer letters than this per page on average: the PDF is a scan without a text layer. */
const MIN_LETTERS_PER_PAGE = 20;

/** PDF text per page (unpdf); § and Abschnitt lines become headings, the rest paragraphs with their page. */
export async function parsePdf(bytes: Uint8Array): Promise<ParsedDocument> {
  let pages: string[];
  let title: string | null = null;
  let hints: MetaHints;
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    const info = ((await pdf.getMetadata().catch(() => null))?.info ?? {}) as Record<string, unknown>;
    const field = (name: string) => (typeof info[name] === 'string' ? (info[name] as string).trim() : '');
    if (field('Title')) title = field('Title');
    hints = metaFromText([field('Subject'), field('Keywords')]);
    const authority = authorityFromProperty(field('Author'));
    if (authority) hints.authority ??= authority;
    pages = (await extractText(pdf, { mergePages: false })).text as string[];
    await pdf.destroy();
  } catch (cause) {
    const name = (cause as { name?: string }).name;
    if (name === 'PasswordException') {
      throw new FileError('Die PDF-Datei ist mit einem Passwort geschützt.', 'encrypted pdf', { cause });
    }
    throw new FileError('Die PDF-Datei ist beschädigt und kann nicht gelesen werden.', `pdf parse failed: ${String(cause)}`, { cause });
  }
  const letters = pages.reduce((n, p) => n + (p.match(/\p{L}/gu)?.length ?? 0), 0);
  if (pages.length > 0 && letters / pages.length < MIN_LETTERS_PER_PAGE) {
    return finishParsed({ title, blocks: [], pages: pages.length, scanned: true });
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
  return finishParsed({ title, blocks, pages: pages.length, ...(Object.keys(hints).length > 0 ? { meta: hints } : {}) });
}
