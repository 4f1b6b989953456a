import { createHash } from 'node:crypto';
import type { DocumentRow, IndexStore, PreparedDocument } from '../index/index-store';
import { kindOf } from './formats';
import { parseHere, type FileParser } from './parse-file';
import { FileError } from '../file-error';
import { endsTheJob } from './write-fault';
import { directIo, type FileIo } from './read-ahead';
import { fileTitle } from './walk';

/** Larger files are refused: an office document of this size is an export or an archive, not guidance. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export type FileOutcome =
  /** `notice`: indexed, but not all of it (a PDF beyond its page limit); the German reason, also stored as the document's reason. */
  | { kind: 'indexed'; documentId: number; chunks: number; notice?: string }
  /** Analysed and handed to the batch, which writes it later (and reports then); `notice` as for 'indexed'. */
  | { kind: 'queued'; notice?: string }
  | { kind: 'unchanged' }
  /** The job was cancelled while the file was being read: its entry is left as it was. */
  | { kind: 'cancelled' }
  | { kind: 'unsupported' }
  | { kind: 'scan'; reason: string }
  | { kind: 'failed'; reason: string; detail: string; stored: boolean };

/** Where an analysed file waits to be written with others (a DocumentBatch). */
export interface DocumentQueue {
  add(prepared: PreparedDocument): void;
}

export interface IndexFileOptions {
  /** Where the file is parsed and chunked: a ParseThread's `parse` (its own thread, with budgets); on this thread if absent. */
  parse?: FileParser;
  /** The job's cancel: a file being parsed is given up at once (with a ParseThread), outcome 'cancelled'. */
  signal?: AbortSignal;
}

/**
 * Brings one file's entry in the index up to date: unchanged files (size,
 * mtime, then hash) are skipped, everything else is parsed, chunked and
 * written in one transaction – or, with a `batch`, analysed and queued
 * for the batch to write together with other files. A bad file becomes an
 * error entry with a German reason; it never throws.
 */
export async function indexFile(
  store: IndexStore,
  folderId: number,
  path: string,
  force = false,
  io: FileIo = directIo,
  batch?: DocumentQueue,
  options: IndexFileOptions = {},
): Promise<FileOutcome> {
  const { parse = parseHere, signal } = options;
  const existing = store.documentByPath(path);
  let size = 0;
  let mtimeMs = 0;
  try {
    const info = await io.stat(path);
    size = info.size;
    mtimeMs = Math.trunc(info.mtimeMs);
    const kind = kindOf(path);
    const base = { folderId, path, title: fileTitle(path), size, mtimeMs, sha256: '' };
    if (!kind) {
      if (!existing || existing.size !== size || existing.mtime_ms !== mtimeMs) {
        store.replaceDocument({ ...base, kind: 'unknown', status: 'unsupported', error: 'Dateityp wird nicht unterstützt.' }, []);
      }
      return { kind: 'unsupported' };
    }
    if (unchangedByStat(existing, size, mtimeMs, force)) return { kind: 'unchanged' };
    if (size === 0) throw new FileError('Die Datei ist leer (0 Byte).', 'empty file');
    if (size > MAX_FILE_BYTES) {
      throw new FileError(`Die Datei ist zu groß (${Math.round(size / 1024 / 1024)} MB, höchstens ${MAX_FILE_BYTES / 1024 / 1024} MB).`, `file too large: ${size} bytes`);
    }
    const bytes = await io.readFile(path);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (!force && existing && existing.status !== 'error' && existing.sha256 === sha256) {
      store.touch(existing.id, mtimeMs);
      return { kind: 'unchanged' };
    }
    if (signal?.aborted) return { kind: 'cancelled' };
    let file;
    try {
      file = await parse(kind, bytes, base.title, signal);
    } catch (error) {
      // Whatever a cancelled parse ends with, the file is not at fault: its entry stays as it was.
      if (signal?.aborted) return { kind: 'cancelled' };
      throw error;
    }
    const { title, chunks, notice } = file;
    const record = { ...base, kind, sha256, title, encoding: file.encoding, pages: file.pages, meta: file.meta };
    if (file.scanned) {
      const reason = 'Kein Text – gescanntes Dokument. Bitte mit Texterkennung (OCR) speichern.';
      store.replaceDocument({ ...record, status: 'scan', error: reason }, []);
      return { kind: 'scan', reason };
    }
    if (chunks.length === 0) throw new FileError('Die Datei enthält keinen Text.', 'no text blocks');
    const indexed = { ...record, status: 'indexed' as const, error: notice };
    const noted = notice ? { notice } : {};
    if (batch) {
      batch.add(store.prepareDocument(indexed, chunks));
      return { kind: 'queued', ...noted };
    }
    const documentId = store.replaceDocument(indexed, chunks);
    return { kind: 'indexed', documentId, chunks: chunks.length, ...noted };
  } catch (error) {
    // The database, not the file, failed (a full disk): the job ends, and the entry stays as it was.
    if (endsTheJob(error)) throw error;
    return recordFailure(store, folderId, path, size, mtimeMs, existing, error);
  }
}

/** A file that could not be indexed: its entry becomes an error entry with the German reason (or goes, if the file is gone). */
export function recordFailure(store: IndexStore, folderId: number, path: string, size: number, mtimeMs: number, existing: DocumentRow | undefined, error: unknown): FileOutcome {
  const { reason, detail, gone, transient } = explain(error);
  if (gone) {
    if (existing) store.deleteDocument(existing.id);
    return { kind: 'failed', reason, detail, stored: false };
  }
  // A locked or briefly unreadable file keeps its last good entry.
  if (transient && existing?.status === 'indexed') return { kind: 'failed', reason, detail, stored: false };
  store.replaceDocument({ folderId, path, title: fileTitle(path), kind: kindOf(path) ?? 'unknown', size, mtimeMs, sha256: '', status: 'error', error: reason }, []);
  return { kind: 'failed', reason, detail, stored: true };
}

function explain(error: unknown): { reason: string; detail: string; gone: boolean; transient?: boolean } {
  if (error instanceof FileError) return { reason: error.reason, detail: error.message, gone: false };
  const code = (error as { code?: string }).code;
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (code === 'ENOENT') return { reason: 'Die Datei wurde während der Indexierung gelöscht oder verschoben.', detail, gone: true };
  if (code === 'EACCES' || code === 'EPERM') return { reason: 'Keine Leserechte für diese Datei.', detail, gone: false, transient: true };
  if (code === 'EISDIR') return { reason: 'Das ist ein Ordner, keine Datei.', detail, gone: false };
  if (code === 'EBUSY') return { reason: 'Die Datei ist gerade von einem anderen Programm gesperrt.', detail, gone: false, transient: true };
  return { reason: 'Die Datei konnte nicht verarbeitet werden (Einzelheiten im Protokoll).', detail, gone: false };
}

/** A good entry whose size and modification time still match: the file is not read again. */
function unchangedByStat(existing: DocumentRow | undefined, size: number, mtimeMs: number, force: boolean): boolean {
  return !force && existing !== undefined && existing.status !== 'error' && existing.size === size && existing.mtime_ms === Math.trunc(mtimeMs);
}

/** Whether indexFile will read a file with these attributes at all (for reading it ahead). */
export function mustRead(store: IndexStore, path: string, size: number, mtimeMs: number, force: boolean): boolean {
  if (size === 0 || size > MAX_FILE_BYTES) return false;
  return !unchangedByStat(store.documentByPath(path), size, mtimeMs, force);
}
