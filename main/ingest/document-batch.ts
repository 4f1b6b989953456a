import type { DocumentRows, WrittenDocument } from '../index/document-writer';
import { IndexStore, type PreparedDocument } from '../index/index-store';
import { recordFailure, type FileOutcome } from './index-file';
import { endsTheJob } from './write-fault';
import { WRITE_POLICY, type WritePolicy } from '../index/write-policy';

/** What a batch goes by (see WritePolicy); no hold unless one is given. */
interface BatchRules {
  hold?: WritePolicy['hold'];
  batch?: WritePolicy['batch'];
  refineBelow?: number;
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
 * segment per batch instead of one per file (docs/performance.md).
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
  /** Still in the hold at the start of the job (see WritePolicy.hold). */
  private holding: boolean;
  private readonly hold: WritePolicy['hold'];
  private readonly limits: WritePolicy['batch'];
  private readonly refineBelow: number;

  constructor(
    private readonly store: IndexStore,
    /** Writes on another thread (IndexWriterThread.write), or returns null; then the store writes on this one. */
    private readonly writeElsewhere: (rows: DocumentRows[]) => Promise<(WrittenDocument | Error)[]> | null = () => null,
    rules: BatchRules = {},
  ) {
    this.hold = rules.hold ?? { chars: 0, ms: 0 };
    this.limits = rules.batch ?? WRITE_POLICY.batch;
    this.refineBelow = rules.refineBelow ?? WRITE_POLICY.refineBelow;
    this.holding = this.hold.chars > 0;
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
    return this.chars >= this.limits.chars || this.pending.length >= this.limits.documents || waited >= this.limits.ms;
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
    while (take < this.pending.length && take < this.limits.documents && chars < this.limits.chars) chars += this.pending[take++]!.chars;
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
    const early = this.pending.filter((p) => p.prepared.analysedWith < this.refineBelow * size);
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
