import { createHash } from 'node:crypto';
import type { DocumentRecord } from '../index/document-writer';
import type { Chunk } from '../index/chunk-row';
import type { DocumentRow } from '../index/index-store';
import { kindOf } from './formats';
import { parseHere, type FileParser } from './parse-file';
import { FileError } from '../file-error';
import { directIo, type FileIo } from './read-ahead';
import { fileTitle } from './walk';

/** Larger files are refused: an office document of this size is an export or an archive, not guidance. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** The file's attributes as read (0 when it could not be read at all): an error entry records them. */
interface Seen {
  size: number;
  mtimeMs: number;
}

/**
 * What reading a file found out, before anything is written: the rows it
 * calls for are the job's to write (see applyVerdict in index-file.ts).
 */
export type FileVerdict =
  /** Unchanged by size and mtime, or by its hash: `touch` remembers a new mtime, so that it is not hashed again. */
  | ({ kind: 'unchanged'; touch?: { id: number; mtimeMs: number } } & Seen)
  /** Not a format the index reads; `record` is its entry when the one stored does not say so already. */
  | ({ kind: 'unsupported'; record: DocumentRecord | null } & Seen)
  /** A PDF without a text layer. */
  | ({ kind: 'scan'; record: DocumentRecord; reason: string } & Seen)
  /** Parsed and chunked: to be analysed and written. `notice`: not all of it was read (a PDF beyond its page limit), also the record's reason. */
  | ({ kind: 'parsed'; record: DocumentRecord; chunks: Chunk[]; notice?: string } & Seen)
  /** Not readable; `keep`: a locked or briefly unreadable file whose last good entry stays. */
  | ({ kind: 'failed'; reason: string; detail: string; keep: boolean } & Seen)
  /** Deleted or moved while the job ran: its entry goes. */
  | ({ kind: 'gone'; reason: string; detail: string } & Seen)
  /** The job was cancelled while the file was being read: its entry is left as it was. */
  | { kind: 'cancelled' };

interface ReadOptions {
  /** Re-read even a file whose size, mtime and hash match its entry. */
  force?: boolean;
  io?: FileIo;
  /** Where the file is parsed and chunked: a ParseThread's `parse` (its own thread, with budgets); on this thread if absent. */
  parse?: FileParser;
  /** The job's cancel: a file being parsed is given up at once (with a ParseThread), verdict 'cancelled'. */
  signal?: AbortSignal;
}

/**
 * Reads one file against its entry in the index (`existing`) and says what
 * is to become of it: unchanged files (size, mtime, then hash) are not
 * parsed, everything else is parsed and chunked. Touches nothing but the
 * file; never throws.
 */
export async function readVerdict(folderId: number, path: string, existing: DocumentRow | undefined, options: ReadOptions = {}): Promise<FileVerdict> {
  const { force = false, io = directIo, parse = parseHere, signal } = options;
  const seen: Seen = { size: 0, mtimeMs: 0 };
  try {
    const info = await io.stat(path);
    seen.size = info.size;
    seen.mtimeMs = Math.trunc(info.mtimeMs);
    const { size, mtimeMs } = seen;
    const kind = kindOf(path);
    const base = { folderId, path, title: fileTitle(path), size, mtimeMs, sha256: '' };
    if (!kind) {
      const current = existing && existing.size === size && existing.mtime_ms === mtimeMs;
      return { kind: 'unsupported', record: current ? null : { ...base, kind: 'unknown', status: 'unsupported', error: 'Dateityp wird nicht unterstützt.' }, ...seen };
    }
    if (unchangedByStat(existing, size, mtimeMs, force)) return { kind: 'unchanged', ...seen };
    if (size === 0) throw new FileError('Die Datei ist leer (0 Byte).', 'empty file');
    if (size > MAX_FILE_BYTES) {
      throw new FileError(`Die Datei ist zu groß (${Math.round(size / 1024 / 1024)} MB, höchstens ${MAX_FILE_BYTES / 1024 / 1024} MB).`, `file too large: ${size} bytes`);
    }
    const bytes = await io.readFile(path);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (!force && existing && existing.status !== 'error' && existing.sha256 === sha256) return { kind: 'unchanged', touch: { id: existing.id, mtimeMs }, ...seen };
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
      return { kind: 'scan', record: { ...record, status: 'scan', error: reason }, reason, ...seen };
    }
    if (chunks.length === 0) throw new FileError('Die Datei enthält keinen Text.', 'no text blocks');
    return { kind: 'parsed', record: { ...record, status: 'indexed', error: notice }, chunks, ...(notice ? { notice } : {}), ...seen };
  } catch (error) {
    return failedVerdict(error, existing, seen);
  }
}

/** A file that could not be read or written, as a verdict (see explain). */
export function failedVerdict(error: unknown, existing: DocumentRow | undefined, seen: Seen): Extract<FileVerdict, { kind: 'failed' | 'gone' }> {
  const { reason, detail, gone, transient } = explain(error);
  if (gone) return { kind: 'gone', reason, detail, ...seen };
  return { kind: 'failed', reason, detail, keep: transient === true && existing?.status === 'indexed', ...seen };
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

/** Whether readVerdict will read a file with these attributes at all (for reading it ahead). */
export function mustRead(existing: DocumentRow | undefined, size: number, mtimeMs: number, force: boolean): boolean {
  if (size === 0 || size > MAX_FILE_BYTES) return false;
  return !unchangedByStat(existing, size, mtimeMs, force);
}
