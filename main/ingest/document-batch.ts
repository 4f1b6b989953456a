import type { DocumentRows, WrittenDocument } from '../index/document-writer';
import { IndexStore, type PreparedDocument } from '../index/index-store';
import { recordFailure, type FileOutcome } from './index-file';
import { endsTheJob } from './write-fault';

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
/** …or has waited this long: new documents become searchable at least this often (after the hold, below). */
const BATCH_MS = 1000;

/**
 * A document analysed while the vocabulary was smaller than this share of
 * its size later gets its compound splits re-derived: early in a job the
 * index had not yet seen the parts that later documents taught it.
 */
export const REFINE_BELOW = 0.5;

/**
 * The start of a job is held back: documents are analysed but not written
 * until this much chunk text has been analysed (or the job ends)… Then the
 * early ones are refined in memory and written once, instead of being
 * written and then rewritten in the refining phase: that phase was a
 * seventh of the time of a small job (the 30 laws, 4.4 MB), most of it
 * FTS5 deleting and inserting the same rows again.
 */
export const HOLD_CHARS = 8_000_000;
/** …or until the first held document has waited this long, so that a slow job (large PDFs) still becomes searchable early. */
export const HOLD_MS = 10_000;

export interface Hold {
  chars: number;
  ms: number;
}

export interface BatchOutcome {
  path: string;
  outcome: FileOutcome;
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
  private pending: { prepared: PreparedDocument; chars: number }[] = [];
  private chars = 0;
  private since = 0;
  /** Still in the hold at the start of the job (see HOLD_CHARS). */
  private holding: boolean;

  constructor(
    private readonly store: IndexStore,
    /** Writes on another thread (IndexWriterThread.write), or returns null; then the store writes on this one. */
    private readonly writeElsewhere: (rows: DocumentRows[]) => Promise<(WrittenDocument | Error)[]> | null = () => null,
    /** The hold at the start (the indexer's jobs: HOLD_CHARS, HOLD_MS); none by default. */
    private readonly hold: Hold = { chars: 0, ms: 0 },
  ) {
    this.holding = hold.chars > 0;
  }

  add(prepared: PreparedDocument): void {
    if (this.pending.length === 0) this.since = Date.now();
    let chars = 0;
    for (const chunk of prepared.chunks) chars += chunk.text.length;
    this.pending.push({ prepared, chars });
    this.chars += chars;
  }

  get empty(): boolean {
    return this.pending.length === 0;
  }

  get full(): boolean {
    if (this.pending.length === 0) return false;
    const waited = Date.now() - this.since;
    if (this.holding) return this.chars >= this.hold.chars || waited >= this.hold.ms;
    return this.chars >= BATCH_CHARS || this.pending.length >= BATCH_DOCUMENTS || waited >= BATCH_MS;
  }

  /**
   * Writes the oldest pending documents, at most one batch of them; the
   * outcome of each file, in the order they were added. Files added
   * meanwhile wait for the next flush. The first flush ends the hold.
   */
  async flush(): Promise<BatchOutcome[]> {
    if (this.holding) this.release();
    let take = 0;
    let chars = 0;
    while (take < this.pending.length && take < BATCH_DOCUMENTS && chars < BATCH_CHARS) chars += this.pending[take++]!.chars;
    const pending = this.pending.splice(0, take);
    this.chars -= chars;
    if (pending.length === 0) return [];
    const list = pending.map((p) => p.prepared);
    let results: (number | Error)[];
    try {
      const elsewhere = this.writeElsewhere(list.map(IndexStore.rowsOf));
      results = elsewhere ? await this.store.writtenElsewhere(list, elsewhere) : this.store.writeDocuments(list);
    } catch (error) {
      // A full disk, a read-only or damaged database: no file is at fault, and none gets an error entry.
      if (endsTheJob(error)) throw error;
      // Nothing of the batch was written (and its counts are undone): each file once more on its own, on this thread.
      results = list.map((p) => {
        try {
          return this.store.replaceDocument(p.record, p.chunks);
        } catch (error) {
          return error instanceof Error ? error : new Error(String(error));
        }
      });
    }
    const fatal = results.find((r): r is Error => r instanceof Error && endsTheJob(r));
    if (fatal) {
      // The documents written meanwhile stay; the others keep the entries they had.
      for (const p of list) this.store.discardPrepared(p);
      throw fatal;
    }
    return pending.map(({ prepared }, i) => {
      const result = results[i]!;
      const { record } = prepared;
      const outcome: FileOutcome =
        typeof result === 'number'
          ? { kind: 'indexed', documentId: result, chunks: prepared.chunks.length }
          : recordFailure(this.store, record.folderId, record.path, record.size, record.mtimeMs, this.store.documentByPath(record.path), result);
      return { path: record.path, outcome, prepared: typeof result === 'number' && prepared.chunkIds ? prepared : null };
    });
  }

  /**
   * Ends the hold: documents analysed against a much smaller vocabulary
   * than today's get the terms they would get in the refining phase, and
   * count as analysed against today's (the indexer refines them again only
   * if the vocabulary grows that much once more).
   */
  private release(): void {
    this.holding = false;
    const size = this.store.vocabulary.size;
    const early = this.pending.filter((p) => p.prepared.analysedWith < REFINE_BELOW * size);
    if (early.length === 0) return;
    this.store.refinePrepared(early.map((p) => p.prepared));
  }

  /** Forgets what is pending without writing it (the job died): the vocabulary counts are undone. */
  discard(): void {
    for (const { prepared } of this.pending) this.store.discardPrepared(prepared);
    this.pending = [];
    this.chars = 0;
  }
}
