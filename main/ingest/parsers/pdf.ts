import { extractText, getDocumentProxy } from 'unpdf';
import { FileError, type Block, type ParsedDocument } from '../types';
import { SECTION_LINE } from './plain-text';

/** Fewer letters than this per page on average: the PDF is a scan without a text layer. */
const MIN_LETTERS_PER_PAGE = 20;

/** PDF text per page (unpdf); § lines become headings, the rest paragraphs with their page. */
export async function parsePdf(bytes: Uint8Array): Promise<ParsedDocument> {
  let pages: string[];
  let title: string | null = null;
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    const meta = await pdf.getMetadata().catch(() => null);
    const infoTitle = (meta?.info as { Title?: unknown } | undefined)?.Title;
    if (typeof infoTitle === 'string' && infoTitle.trim()) title = infoTitle.trim();
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
    return { title, blocks: [], pages: pages.length, scanned: true };
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
    for (const line of pageText.split(/\r?\n/)) {
      if (line.trim() === '') flush();
      else if (SECTION_LINE.test(line)) {
        flush();
        blocks.push({ kind: 'heading', level: 3, text: line.trim(), page });
      } else para.push(line);
    }
    flush();
  });
  return { title, blocks, pages: pages.length };
}
