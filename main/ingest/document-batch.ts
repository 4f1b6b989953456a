import type { DocumentRows, WrittenDocument } from '../search/document-writer';
import { IndexStore, type PreparedDocument } from '../search/index-store';
import { recordFailure, type FileOutcome } from './index-file';

/**
 * A batch is written once it holds this much chunk text… Larger batches
 * save little more in FTS5 and cost elsewhere: the pending documents
 * survive garbage collections, and the refining phase's deletes get
 * dearer in larger segments (cold run over the laws, callgrind: 1 MB
 * 7.7, 4 MB 8.7 billion instructions; the synthetic corpus is as fast).
 */
const BATCH_CHARS = 1_000_000;
/** …or this many documents… */
const BATCH_DOCUMENTS = 500;
/** …or has waited this long: new documents become searchable at least this often. */
const BATCH_MS = 1000;

export interface BatchOutcome {
  path: string;
  outcome: FileOutcome;
  /** The vocabulary's size when the document was analysed (steers the refining phase). */
  vocabulary: number;
  /** The analysis it was written from (its word lists serve the refining phase); null when it was not written from it. */
  prepared: PreparedDocument | null;
}

/**
 * Files analysed during an indexing job, written to the index several at a
 * time: SQLite's share of indexing falls by about half when FTS5 writes one
 * segment per batch instead of one per file (measured with callgrind on
 * 300 synthetic files: 50 files per transaction need 53 % of the
 * instructions of one transaction per file, savepoints included).
 *
 * Every file stays all-or-nothing (a savepoint each, see
 * IndexStore.writeDocuments), and a bad file never costs the others: a
 * file whose rows fail is rolled back alone and gets an error entry; if the
 * whole transaction fails, each file is written once more on its own.
 * No other write of the app (settings, removing a folder) can fall into the
 * batch's transaction: on this thread it runs in one synchronous stretch,
 * and the writer thread has a connection of its own.
 */
export class DocumentBatch {
  private pending: { prepared: PreparedDocument; vocabulary: number }[] = [];
  private chars = 0;
  private since = 0;

  constructor(
    private readonly store: IndexStore,
    /** Writes on another thread (IndexWriterThread.write), or returns null; then the store writes on this one. */
    private readonly writeElsewhere: (rows: DocumentRows[]) => Promise<(WrittenDocument | Error)[]> | null = () => null,
  ) {}

  add(prepared: PreparedDocument): void {
    if (this.pending.length === 0) this.since = Date.now();
    this.pending.push({ prepared, vocabulary: this.store.vocabulary.size });
    for (const chunk of prepared.chunks) this.chars += chunk.text.length;
  }

  get full(): boolean {
    return this.pending.length > 0 && (this.chars >= BATCH_CHARS || this.pending.length >= BATCH_DOCUMENTS || Date.now() - this.since >= BATCH_MS);
  }

  /**
   * Writes what is pending; the outcome of each file, in the order they
   * were added. What is pending is taken at once: files added meanwhile
   * form the next batch.
   */
  async flush(): Promise<BatchOutcome[]> {
    const pending = this.pending;
    this.pending = [];
    this.chars = 0;
    if (pending.length === 0) return [];
    const list = pending.map((p) => p.prepared);
    let results: (number | Error)[];
    try {
      const elsewhere = this.writeElsewhere(list.map(IndexStore.rowsOf));
      results = elsewhere ? await this.store.writtenElsewhere(list, elsewhere) : this.store.writeDocuments(list);
    } catch {
      // Nothing of the batch was written (and its counts are undone): each file once more on its own, on this thread.
      results = list.map((p) => {
        try {
          return this.store.replaceDocument(p.record, p.chunks);
        } catch (error) {
          return error instanceof Error ? error : new Error(String(error));
        }
      });
    }
    return pending.map(({ prepared, vocabulary }, i) => {
      const result = results[i]!;
      const { record } = prepared;
      const outcome: FileOutcome =
        typeof result === 'number'
          ? { kind: 'indexed', documentId: result, chunks: prepared.chunks.length }
          : recordFailure(this.store, record.folderId, record.path, record.size, record.mtimeMs, this.store.documentByPath(record.path), result);
      return { path: record.path, outcome, vocabulary, prepared: typeof result === 'number' && prepared.chunkIds ? prepared : null };
    });
  }

  /** Forgets what is pending without writing it (the job died): the vocabulary counts are undone. */
  discard(): void {
    for (const { prepared } of this.pending) this.store.discardPrepared(prepared);
    this.pending = [];
    this.chars = 0;
  }
}
