import type { DocumentRow, IndexStore, PreparedDocument } from '../index/index-store';
import { kindOf } from './formats';
import type { FileParser } from './parse-file';
import { endsTheJob } from './write-fault';
import { directIo, type FileIo } from './read-ahead';
import { failedVerdict, readVerdict, type FileVerdict } from './read-file';
import { fileTitle } from './walk';

export { MAX_FILE_BYTES } from './read-file';

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
interface DocumentQueue {
  add(prepared: PreparedDocument): void;
}

interface IndexFileOptions {
  /** Where the file is parsed and chunked: a ParseThread's `parse` (its own thread, with budgets); on this thread if absent. */
  parse?: FileParser;
  /** The job's cancel: a file being parsed is given up at once (with a ParseThread), outcome 'cancelled'. */
  signal?: AbortSignal;
}

/**
 * Brings one file's entry in the index up to date: reads it (readVerdict)
 * and writes what the verdict calls for (applyVerdict) – or, with a
 * `batch`, analyses it and queues it for the batch to write together with
 * other files. A bad file becomes an error entry with a German reason; only
 * a storage fault (write-fault.ts) throws.
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
  const existing = store.documentByPath(path);
  const verdict = await readVerdict(folderId, path, existing, { force, io, parse: options.parse, signal: options.signal });
  return applyVerdict(store, { folderId, path, existing }, verdict, batch);
}

/**
 * Writes the rows a verdict calls for: an entry for an unsupported or
 * scanned file, an error entry, a new mtime; a parsed file is analysed and
 * written (or queued with `batch`). A write that fails for the file's sake
 * becomes its error entry; a storage fault (a full disk) throws, and the
 * entry stays as it was.
 */
export function applyVerdict(store: IndexStore, file: { folderId: number; path: string; existing: DocumentRow | undefined }, verdict: FileVerdict, batch?: DocumentQueue): FileOutcome {
  const { folderId, path, existing } = file;
  if (verdict.kind === 'cancelled') return verdict;
  try {
    return rowsOf(store, file, verdict, batch);
  } catch (error) {
    if (endsTheJob(error)) throw error;
    return recordFailure(store, folderId, path, verdict.size, verdict.mtimeMs, existing, failedVerdict(error, existing, verdict));
  }
}

function rowsOf(store: IndexStore, file: { folderId: number; path: string; existing: DocumentRow | undefined }, verdict: Exclude<FileVerdict, { kind: 'cancelled' }>, batch?: DocumentQueue): FileOutcome {
  switch (verdict.kind) {
    case 'unchanged':
      if (verdict.touch) store.touch(verdict.touch.id, verdict.touch.mtimeMs);
      return { kind: 'unchanged' };
    case 'unsupported':
      if (verdict.record) store.replaceDocument(verdict.record, []);
      return { kind: 'unsupported' };
    case 'scan':
      store.replaceDocument(verdict.record, []);
      return { kind: 'scan', reason: verdict.reason };
    case 'parsed': {
      const noted = verdict.notice ? { notice: verdict.notice } : {};
      if (batch) {
        batch.add(store.prepareDocument(verdict.record, verdict.chunks));
        return { kind: 'queued', ...noted };
      }
      const documentId = store.replaceDocument(verdict.record, verdict.chunks);
      return { kind: 'indexed', documentId, chunks: verdict.chunks.length, ...noted };
    }
    case 'failed':
    case 'gone':
      return recordFailure(store, file.folderId, file.path, verdict.size, verdict.mtimeMs, file.existing, verdict);
  }
}

/**
 * A file that could not be indexed (`failure`: its verdict, or the error a
 * write of it ended with): its entry becomes an error entry with the German
 * reason, goes if the file is gone, or stays if it was good and the file is
 * only briefly unreadable.
 */
export function recordFailure(
  store: IndexStore,
  folderId: number,
  path: string,
  size: number,
  mtimeMs: number,
  existing: DocumentRow | undefined,
  failure: Extract<FileVerdict, { kind: 'failed' | 'gone' }> | Error,
): FileOutcome {
  const verdict = failure instanceof Error ? failedVerdict(failure, existing, { size, mtimeMs }) : failure;
  const { reason, detail } = verdict;
  if (verdict.kind === 'gone') {
    if (existing) store.deleteDocument(existing.id);
    return { kind: 'failed', reason, detail, stored: false };
  }
  if (verdict.keep) return { kind: 'failed', reason, detail, stored: false };
  store.replaceDocument({ folderId, path, title: fileTitle(path), kind: kindOf(path) ?? 'unknown', size, mtimeMs, sha256: '', status: 'error', error: reason }, []);
  return { kind: 'failed', reason, detail, stored: true };
}
