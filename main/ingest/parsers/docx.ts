import mammoth from 'mammoth';
import { checkZip } from '../zip';
import { FileError, type ParsedDocument } from '../types';
import { parseHtmlString } from './html';

/** DOCX through mammoth: Word's heading styles become h1–h6, then the HTML parser finds the structure. */
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
  return parseHtmlString(html, { countLines: false });
}
