import mammoth from 'mammoth';
import { checkZip, readZipEntries } from '../../zip';
import { authorityFromProperty, metaFromText, type MetaHints } from '../meta';
import { finishParsed } from '../structure';
import { type ParsedDocument } from '../types';
import { FileError } from '../../file-error';
import { parseHtmlString } from './html';

/**
 * DOCX through mammoth: Word's heading styles become h1–h6, then the HTML
 * parser finds the structure; the document properties (docProps) give
 * title and metadata.
 */
export async function parseDocx(bytes: Uint8Array): Promise<ParsedDocument> {
  const entries = checkZip(bytes, 'Word');
  if (!entries.some((e) => e.name === 'word/document.xml')) {
    throw new FileError('Die Datei ist keine gültige Word-Datei (word/document.xml fehlt).', 'docx without word/document.xml');
  }
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch (cause) {
    throw new FileError('Die Word-Datei ist beschädigt und kann nicht gelesen werden.', `mammoth failed: ${String(cause)}`, { cause });
  }
  const doc = parseHtmlString(html, { countLines: false });
  const props = documentProperties(bytes);
  return finishParsed({ ...doc, title: props.title ?? doc.title, ...(Object.keys(props.meta).length > 0 ? { meta: props.meta } : {}) });
}

/** Text of an XML element in a properties part, entities decoded. */
export function xmlField(xml: string, tag: string): string | null {
  const m = new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`).exec(xml);
  const value = m?.[1]
    ?.replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&')
    .trim();
  return value || null;
}

/** dc:title, and hints from dc:subject, cp:keywords, dc:creator and the Company (docProps/app.xml). */
function documentProperties(bytes: Uint8Array): { title: string | null; meta: MetaHints } {
  let files: Record<string, Uint8Array>;
  try {
    files = readZipEntries(bytes, ['docProps/core.xml', 'docProps/app.xml']);
  } catch {
    return { title: null, meta: {} };
  }
  const decode = (name: string) => (files[name] ? new TextDecoder().decode(files[name]) : '');
  const core = decode('docProps/core.xml');
  const app = decode('docProps/app.xml');
  // Word writes "Microsoft Word - name.doc" for converted files: the name is the title.
  const title = xmlField(core, 'dc:title')?.replace(/^Microsoft Word - /, '') ?? null;
  const meta = metaFromText([xmlField(core, 'dc:subject') ?? '', xmlField(core, 'cp:keywords') ?? '']);
  const authority = authorityFromProperty(xmlField(app, 'Company')) ?? authorityFromProperty(xmlField(core, 'dc:creator'));
  if (authority) meta.authority ??= authority;
  return { title, meta };
}
