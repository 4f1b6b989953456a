import type { Logger } from '../log';
import type { DocumentRows, WrittenDocument } from '../index/document-writer';
import { analyzedWords, wordCount, type AnalyzedWords, type DocumentRow, type IndexStore } from '../index/index-store';
import type { WritePolicy } from '../index/write-policy';
import { storageError } from '../db/sqlite-errors';
import { DocumentBatch, type BatchOutcome } from './document-batch';
import { applyVerdict, type FileOutcome } from './index-file';
import type { FileVerdict } from './read-file';
import { endsTheJob } from './write-fault';

/** The thread that writes analysed documents (IndexWriterThread). */
interface WriterThread {
  readonly alive: boolean;
  write(rows: DocumentRows[]): Promise<(WrittenDocument | Error)[]>;
  optimize(): Promise<void>;
}

/** The writer thread, started if `start` and not running yet; null: write on this one. */
export type WriterSource = (start: boolean) => WriterThread | null;

/**
 * How one indexing job writes, by its WritePolicy: bulk writing (automatic
 * checkpoints wait) from `begin` to `end`; the files' rows, analysed ones
 * through a DocumentBatch (the hold at the start, then batches), moved to
 * the writer thread once the job has written enough; the word lists kept
 * for refining; the segment merge; at the end the vocabulary saved and the
 * upkeep (FTS5's totals, a checkpoint); and what a storage fault ends.
 */
export class WriteSession {
  private readonly batch: DocumentBatch;
  /** The batch being written meanwhile (one at most: what waits to be written stays bounded). */
  private writing: Promise<BatchOutcome[]> | null = null;
  /** Word lists of written documents for the refining phase (see WritePolicy.keepWords). */
  private readonly kept = new Map<number, AnalyzedWords>();
  private keptWords = 0;
  /** Chunk text and chunks this job has handed to a writer. */
  private written = 0;
  private writtenChunks = 0;

  constructor(
    private readonly store: IndexStore,
    private readonly writer: WriterSource,
    private readonly policy: WritePolicy,
    private readonly log: Logger,
    private readonly jobId: string,
  ) {
    this.batch = new DocumentBatch(store, (rows) => this.writeElsewhere(rows), policy);
  }

  /** The job starts writing: automatic checkpoints wait until `end`. */
  begin(): void {
    this.store.setBulkWriting(true, this.policy.checkpointPages);
  }

  /** Writes what a file's verdict calls for; a parsed file joins the batch (outcome 'queued'). */
  accept(file: { folderId: number; path: string; existing: DocumentRow | undefined }, verdict: FileVerdict): FileOutcome {
    return applyVerdict(this.store, file, verdict, this.batch);
  }

  /** The batch is due (see WritePolicy.hold and batch). */
  get full(): boolean {
    return this.batch.full;
  }

  /**
   * Starts writing what is pending, and returns the outcomes of the batch
   * before: with a writer thread, the next files are analysed while this
   * batch is written.
   */
  async write(): Promise<BatchOutcome[]> {
    const next = this.batch.flush();
    const outcomes = await this.settle();
    this.writing = next;
    return outcomes;
  }

  /** Writes everything pending and waits for it; the outcomes of every batch not returned yet. */
  async drain(): Promise<BatchOutcome[]> {
    const outcomes: BatchOutcome[] = [];
    do outcomes.push(...(await this.write()));
    while (!this.batch.empty);
    outcomes.push(...(await this.settle()));
    return outcomes;
  }

  private async settle(): Promise<BatchOutcome[]> {
    const outcomes = (await this.writing) ?? [];
    this.writing = null;
    for (const { outcome, prepared } of outcomes) {
      if (outcome.kind !== 'indexed' || !prepared) continue;
      const words = wordCount(prepared);
      if (this.keptWords + words > this.policy.keepWords) continue;
      const lists = analyzedWords(prepared);
      if (!lists) continue;
      this.kept.set(outcome.documentId, lists);
      this.keptWords += words;
    }
    return outcomes;
  }

  /** Rows for the writer thread once this job has written enough on this one (null: written here). */
  private writeElsewhere(rows: DocumentRows[]): Promise<(WrittenDocument | Error)[]> | null {
    const thread = this.writer(this.written >= this.policy.writerThreadAfterChars);
    for (const doc of rows) {
      this.writtenChunks += doc.chunks.length;
      for (const chunk of doc.chunks) this.written += chunk.text.length;
    }
    // A thread that died leaves the rest of the job to this one.
    return thread?.alive ? thread.write(rows) : null;
  }

  /** Documents analysed against too small a vocabulary (this job's early ones, and those of a job that died before refining them). */
  unrefined(): number[] {
    return this.store.unrefined(this.policy.refineBelow);
  }

  /** Gives them the terms of today's vocabulary, from the kept word lists where there are some. */
  refine(documentIds: number[]): void {
    this.store.reanalyze(documentIds, this.kept);
  }

  /** Whether this job wrote enough of the index for a segment merge (see WritePolicy.optimize). */
  get mergeDue(): boolean {
    const { afterChars, share } = this.policy.optimize;
    return this.written >= afterChars && this.writtenChunks >= share * this.store.chunkTotal;
  }

  /** Merges the FTS index's segments: on the writer thread if it runs (this thread stays free), else here. Only an optimisation: a failure is logged. */
  async merge(): Promise<void> {
    const thread = this.writer(false);
    try {
      if (thread?.alive) await thread.optimize();
      else this.store.optimize();
    } catch (error) {
      this.log.warn('FTS segments not merged', { jobId: this.jobId, error });
    }
  }

  /**
   * The job stops writing: the vocabulary is saved with the documents it
   * counts, and automatic checkpoints resume. Returns the upkeep that is
   * to run once the job has reported (the clerk can already search
   * meanwhile): FTS5's totals put right if enough rows were deleted, and
   * the write-ahead log copied into the database.
   */
  end(): () => void {
    try {
      this.store.saveVocabulary();
    } catch (error) {
      this.log.warn('vocabulary not saved', { jobId: this.jobId, error });
    }
    try {
      this.store.setBulkWriting(false, this.policy.checkpointPages);
    } catch (error) {
      this.log.warn('checkpoints not restored', { jobId: this.jobId, error });
    }
    return () => {
      try {
        if (this.store.repairTotals(false, this.policy.repairTotalsAfter)) this.log.info('search statistics corrected after deleted chunks', { jobId: this.jobId });
        this.store.checkpoint();
      } catch (error) {
        // The app closed the database meanwhile (closing checkpoints too).
        this.log.debug('no upkeep after the job', { jobId: this.jobId, error });
      }
    };
  }

  /**
   * The job died of `error`: what is pending is forgotten (its counts
   * undone), a batch being written settles. Returns the German message: a
   * full disk, a read-only or damaged database by name (what is indexed
   * stays), anything else as a failure whose details are in the log.
   */
  async abort(error: unknown): Promise<string> {
    try {
      this.batch.discard();
      // A batch still being written settles on its own (its files are written or their counts undone).
      await this.writing;
    } catch {
      // the store is gone with the job
    }
    if (endsTheJob(error)) return `Die Indexierung wurde abgebrochen. ${storageError(error).userMessage}`;
    return 'Die Indexierung wurde wegen eines Fehlers abgebrochen. Die Einzelheiten stehen in der Protokolldatei; bereits indexierte Dateien bleiben erhalten.';
  }
}
