import type { DocumentMeta } from '../contract';
import { chunkDocument } from './chunk';
import { type Chunk } from '../index/chunk-row';
import { parse } from './formats';
import { deriveMeta } from './meta';
import { parsePdf, PDF_LIMITS, type PdfLimits } from './parsers/pdf';
import type { DocumentKind } from './types';

/** How much of a file is read (see PdfLimits). */
export interface ReadLimits {
  pdf: PdfLimits;
}

export const READ_LIMITS: ReadLimits = { pdf: PDF_LIMITS };

/**
 * A file as read: everything index-file.ts needs from its bytes, before
 * the store takes over. Plain data, so that it can come from another
 * thread as it is.
 */
export interface ParsedFile {
  /** The document's own title, else the fallback (the file name). */
  title: string;
  encoding: string | null;
  pages: number | null;
  /** A PDF without a text layer: no chunks. */
  scanned: boolean;
  meta: DocumentMeta;
  chunks: Chunk[];
  /** Part of the file was left out (a PDF beyond its page limit): why, in German for the clerk. */
  notice: string | null;
}

/**
 * Reads a file the way the index needs it: parses it, chunks it, derives
 * its metadata. It holds no state and touches no store, so it runs in the
 * parse thread (parse-worker.ts) as well as in this one.
 */
export async function parseFile(kind: DocumentKind, bytes: Uint8Array, fallbackTitle: string, limits: ReadLimits = READ_LIMITS): Promise<ParsedFile> {
  const parsed = kind === 'pdf' ? await parsePdf(bytes, limits.pdf) : await parse(kind, bytes);
  const title = parsed.title?.trim() || fallbackTitle;
  const scanned = parsed.scanned === true;
  return {
    title,
    encoding: parsed.encoding ?? null,
    pages: parsed.pages ?? null,
    scanned,
    meta: deriveMeta(parsed, title),
    chunks: scanned ? [] : chunkDocument(parsed),
    notice: ('notice' in parsed && typeof parsed.notice === 'string' && parsed.notice) || null,
  };
}

/**
 * Where index-file.ts has a file read: a ParseThread's `parse` in the app
 * (its own thread, with a time and a memory budget); parseHere without one.
 * It rejects with the signal's reason when the signal fires.
 */
export type FileParser = (kind: DocumentKind, bytes: Uint8Array, fallbackTitle: string, signal?: AbortSignal) => Promise<ParsedFile>;

/** Parses on this thread: no budget, and a cancel takes effect only after the file (it cannot interrupt the parse). */
export const parseHere: FileParser = async (kind, bytes, fallbackTitle, signal) => {
  signal?.throwIfAborted();
  const file = await parseFile(kind, bytes, fallbackTitle);
  signal?.throwIfAborted();
  return file;
};
