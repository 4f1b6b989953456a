import { extname } from 'node:path';
import type { DocumentKind, ParsedDocument } from './types';
import { parseDocx } from './parsers/docx';
import { parseHtml } from './parsers/html';
import { parseMarkdown } from './parsers/markdown';
import { parseOdt } from './parsers/odt';
import { parsePdf } from './parsers/pdf';
import { parsePlainText } from './parsers/plain-text';

const BY_EXTENSION: Record<string, DocumentKind> = {
  '.pdf': 'pdf',
  '.docx': 'docx',
  '.odt': 'odt',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.md': 'md',
  '.markdown': 'md',
  '.txt': 'txt',
  '.text': 'txt',
};

export function kindOf(path: string): DocumentKind | null {
  return BY_EXTENSION[extname(path).toLowerCase()] ?? null;
}

export function parse(kind: DocumentKind, bytes: Uint8Array): Promise<ParsedDocument> | ParsedDocument {
  switch (kind) {
    case 'pdf':
      return parsePdf(bytes);
    case 'docx':
      return parseDocx(bytes);
    case 'odt':
      return parseOdt(bytes);
    case 'html':
      return parseHtml(bytes);
    case 'md':
      return parseMarkdown(bytes);
    case 'txt':
      return parsePlainText(bytes);
  }
}
