import { randomUUID } from 'node:crypto';
import type { IndexProgress } from '../contract';
import type { Logger } from '../log';
import { Running } from '../running';
import type { DocumentRows, WrittenDocument } from '../index/document-writer';
import { analyzedWords, wordCount, type AnalyzedWords, type IndexStore, type PreparedDocument } from '../index/index-store';
import { kindOf } from './formats';
import { storageError } from '../db/sqlite-errors';
import { endsTheJob } from './write-fault';
import { DocumentBatch, HOLD_CHARS, HOLD_MS, REFINE_BELOW, type BatchOutcome, type Hold } from './document-batch';
import { indexFile, mustRead, type FileOutcome } from './index-file';
import type { FileParser } from './parse-file';
import type { JobLock } from '../index/job-lock';
import { ReadAhead } from './read-ahead';
import { walk } from './walk';
import type { Embedder } from '../llm/embed';


/** Where the vectors go; VectorStore in the core. */
export interface VectorSink {
  readonly available: boolean;
  countMissing(model: string): number;
  missing(model: string, limit: number): { id: number; heading: string; text: string }[];
  put(model: string, items: { id: number; vector: Float32Array }[]): void;
}

const EMBED_BATCH = 16;

/**
 * The thread that writes analysed documents (IndexWriterThread), started
 * if `start` and not running yet; null: write on this one.
 */
export type WriterSource = (
  start: boolean,
) => { readonly alive: boolean; write(rows: DocumentRows[]): Promise<(WrittenDocument | Error)[]>; optimize(): Promise<void> } | null;

/**
 * Chunk text a job writes on this thread before writing moves to the writer
 * thread (unless that runs already). Below this, starting a thread costs
 * more than it saves: the laws (4.4 MB) were 10–25 % slower with it, the
 * synthetic corpus (46 MB) 25–60 % faster.
 */
export const WRITER_THREAD_AFTER_CHARS = 8_000_000;

/**
 * After a job that wrote at least this much text, and at least a quarter of
 * the index's chunks, the FTS index's segments are merged into one (see
 * DocumentWriter.optimize: half a second for the 105k-chunk corpus, on the
 * writer thread). Smaller jobs leave FTS5's own merging alone: their index
 * is small, or a merge would rewrite much more than they wrote.
 */
export const OPTIMIZE_AFTER_CHARS = 8_000_000;

export interface IndexerOptions {
  /** See WRITER_THREAD_AFTER_CHARS. */
  writerThreadAfterChars?: number;
  /** See OPTIMIZE_AFTER_CHARS. */
  optimizeAfterChars?: number;
  /** What the start of a job holds back (see HOLD_CHARS); tests make it small. */
  hold?: Hold;
  /** One job at a time per data folder, across processes; none: this indexer is alone. */
  lock?: JobLock;
  /** Where files are parsed (a ParseThread's `parse`: its own thread, with a time and memory budget); this thread if absent. */
  parse?: FileParser;
}

export interface IndexRequest {
  folders: { id: number; path: string }[];
  force?: boolean;
}

/**
 * Word lists of at most this many words in all are kept for the refining
 * phase (a few MB of references); documents beyond are read back from the
 * index. The early documents, the ones refining is for, come first.
 */
const KEEP_WORDS = 1_000_000;
/** Progress events at most this often (plus first and last), so a fast job does not flood the interface. */
const PROGRESS_INTERVAL_MS = 100;

/**
 * Runs indexing jobs one after another. Each job walks its folders, brings
 * every file up to date (each file all-or-nothing; several written per
 * transaction, see DocumentBatch), removes documents whose files are gone,
 * and reports progress; it can be cancelled between files.
 */
export class Indexer {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly running = new Running();

  constructor(
    private readonly store: IndexStore,
    private readonly log: Logger,
    private readonly emit: (progress: IndexProgress) => void,
    /** The embedder for the current settings, or null when no embedding model is set. */
    private readonly embedder: () => Embedder | null = () => null,
    private readonly vectors: VectorSink | null = null,
    private readonly writer: WriterSource = () => null,
    private readonly options: IndexerOptions = {},
  ) {}

  start(request: IndexRequest): { jobId: string; done: Promise<IndexProgress> } {
    const jobId = randomUUID();
    const signal = this.running.begin(jobId, 'Dieser Auftrag läuft bereits.');
    const done = this.queue.then(() => this.run(jobId, request, signal));
    this.queue = done.catch(() => undefined);
    // Never an unhandled rejection: a job that dies (the database closed under it at quit) is logged in run().
    void this.queue.finally(() => this.running.end(jobId));
    return { jobId, done };
  }

  cancel(jobId: string): boolean {
    return this.running.cancel(jobId);
  }

  cancelAll(): void {
    this.running.cancelAll();
  }

  /** Resolves when every job started so far has finished. */
  idle(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  /**
   * Gives every chunk without a vector of the configured model one. A failure
   * (Ollama down, model missing) ends this phase with a message; the lexical
   * index is complete either way, and the next job continues where this stopped.
   */
  private async embed(progress: IndexProgress, report: (force?: boolean) => void, signal: AbortSignal): Promise<void> {
    const embedder = this.embedder();
    if (!embedder || !this.vectors?.available) return;
    const toEmbed = this.vectors.countMissing(embedder.model);
    if (toEmbed === 0) return;
    progress.phase = 'embedding';
    progress.currentFile = null;
    progress.embedded = 0;
    progress.toEmbed = toEmbed;
    report(true);
    while (!signal.aborted) {
      const batch = this.vectors.missing(embedder.model, EMBED_BATCH);
      if (batch.length === 0) break;
      try {
        const vectors = await embedder.embed(batch.map((c) => `${c.heading}\n\n${c.text}`));
        this.vectors.put(embedder.model, batch.map((c, i) => ({ id: c.id, vector: vectors[i]! })));
      } catch (error) {
        const reason = (error as { userMessage?: string }).userMessage ?? String((error as Error).message ?? error);
        progress.message = `Semantische Suche: Die Abschnitte konnten nicht mit ${embedder.model} eingebettet werden. Die Volltextsuche funktioniert. (${reason})`;
        this.log.warn('embedding failed', { model: embedder.model, error });
        return;
      }
      progress.embedded += batch.length;
      report();
    }
  }

  /** Merges the FTS index's segments: on the writer thread if it runs (this thread stays free), else here. Only an optimisation: a failure is logged. */
  private async optimize(jobId: string): Promise<void> {
    const thread = this.writer(false);
    try {
      if (thread?.alive) await thread.optimize();
      else this.store.optimize();
    } catch (error) {
      this.log.warn('FTS segments not merged', { jobId, error });
    }
  }

  /** After a job: FTS5's totals put right if the job deleted rows, and the write-ahead log copied into the database. */
  private upkeep(jobId: string): void {
    try {
      if (this.store.repairTotals()) this.log.info('search statistics corrected after deleted chunks', { jobId });
      this.store.checkpoint();
    } catch (error) {
      // The app closed the database meanwhile (closing checkpoints too).
      this.log.debug('no upkeep after the job', { jobId, error });
    }
  }

  private async run(jobId: string, request: IndexRequest, signal: AbortSignal): Promise<IndexProgress> {
    const progress: IndexProgress = { jobId, phase: 'scanning', done: 0, total: 0, currentFile: null, indexed: 0, unchanged: 0, removed: 0, problems: [] };
    let lastEmit = 0;
    let lastPhase: IndexProgress['phase'] | null = null;
    const report = (force = false) => {
      const now = Date.now();
      // The first event of every phase always goes out; the rest at most every 100 ms.
      if (force || progress.phase !== lastPhase || now - lastEmit >= PROGRESS_INTERVAL_MS) {
        lastEmit = now;
        lastPhase = progress.phase;
        this.emit({ ...progress, problems: [...progress.problems] });
      }
    };
    const finish = (phase: IndexProgress['phase'], message?: string) => {
      try {
        this.store.saveVocabulary();
      } catch (error) {
        this.log.warn('vocabulary not saved', { jobId, error });
      }
      try {
        this.store.setBulkWriting(false);
        // Once the job has reported: the clerk can already search meanwhile.
        setTimeout(() => this.upkeep(jobId), 0).unref();
      } catch (error) {
        this.log.warn('checkpoints not restored', { jobId, error });
      }
      progress.phase = phase;
      progress.currentFile = null;
      if (message) progress.message = message;
      report(true);
      this.log.info('index job finished', { jobId, phase, indexed: progress.indexed, unchanged: progress.unchanged, removed: progress.removed, problems: progress.problems.length });
      return progress;
    };

    let release: (() => void) | null = null;
    if (this.options.lock) {
      progress.phase = 'waiting';
      release = await this.options.lock.acquire(signal, (holder) => {
        progress.message = `Ein anderer Indexierungsauftrag läuft für diesen Datenordner (Prozess ${holder.pid} auf ${holder.host}). Dieser Auftrag beginnt, sobald er beendet ist.`;
        report(true);
      });
      delete progress.message;
      progress.phase = 'scanning';
      if (!release) return finish('cancelled');
    }
    try {
      // Another process may have indexed meanwhile, or a job died before saving the counts of what it wrote.
      const vocabulary = this.store.syncVocabulary();
      if (vocabulary !== 'current') this.log.info(`vocabulary ${vocabulary} before the job`, { jobId, words: this.store.vocabulary.size });
    } catch (error) {
      release?.();
      throw error;
    }
    try {
      return await this.runLocked(jobId, request, signal, progress, report, finish);
    } finally {
      release?.();
    }
  }

  private async runLocked(
    jobId: string,
    request: IndexRequest,
    signal: AbortSignal,
    progress: IndexProgress,
    report: (force?: boolean) => void,
    finish: (phase: IndexProgress['phase'], message?: string) => IndexProgress,
  ): Promise<IndexProgress> {
    let batch: DocumentBatch | null = null;
    /** The batch being written meanwhile (one at most: what waits to be written stays bounded). */
    let writing: Promise<BatchOutcome[]> | null = null;
    try {
      this.store.setBulkWriting(true);
      report(true);
      const files: { folderId: number; path: string }[] = [];
      const seen = new Map<number, Set<string>>();
      for (const folder of request.folders) {
        const paths = new Set<string>();
        seen.set(folder.id, paths);
        for await (const entry of walk(folder.path, signal)) {
          if (entry.type === 'file') {
            files.push({ folderId: folder.id, path: entry.path });
            paths.add(entry.path);
          } else {
            progress.problems.push({ path: entry.path, reason: entry.reason });
            this.log.warn('walk problem', { path: entry.path, detail: entry.detail });
          }
          progress.total = files.length;
          report();
        }
      }
      if (signal.aborted) return finish('cancelled');

      progress.phase = 'indexing';
      const kept = new Map<number, AnalyzedWords>();
      let keptWords = 0;
      const settle = (path: string, outcome: FileOutcome, prepared: PreparedDocument | null = null) => {
        // Indexed, but not all of it (a PDF beyond its page limit): the clerk sees why.
        if ((outcome.kind === 'indexed' || outcome.kind === 'queued') && outcome.notice) progress.problems.push({ path, reason: outcome.notice });
        if (outcome.kind === 'indexed') {
          progress.indexed++;
          const words = prepared ? wordCount(prepared) : 0;
          const lists = prepared && keptWords + words <= KEEP_WORDS ? analyzedWords(prepared) : null;
          if (lists) {
            kept.set(outcome.documentId, lists);
            keptWords += words;
          }
        } else if (outcome.kind === 'unchanged') progress.unchanged++;
        else if (outcome.kind === 'scan') progress.problems.push({ path, reason: outcome.reason });
        else if (outcome.kind === 'failed') {
          progress.problems.push({ path, reason: outcome.reason });
          this.log.warn('file not indexed', { path, reason: outcome.reason, detail: outcome.detail });
        }
      };
      let written = 0;
      let writtenChunks = 0;
      const threadAfter = this.options.writerThreadAfterChars ?? WRITER_THREAD_AFTER_CHARS;
      const writeElsewhere = (rows: DocumentRows[]) => {
        const thread = this.writer(written >= threadAfter);
        for (const doc of rows) {
          writtenChunks += doc.chunks.length;
          for (const chunk of doc.chunks) written += chunk.text.length;
        }
        // A thread that died leaves the rest of the job to this one.
        return thread?.alive ? thread.write(rows) : null;
      };
      const pending = new DocumentBatch(this.store, writeElsewhere, this.options.hold ?? { chars: HOLD_CHARS, ms: HOLD_MS });
      batch = pending;
      const settleWritten = async () => {
        const outcomes = await writing;
        writing = null;
        outcomes?.forEach((b: BatchOutcome) => settle(b.path, b.outcome, b.prepared));
      };
      // Starts writing what is pending, and takes the outcomes of the batch before: with a writer thread,
      // the next files are analysed while this batch is written.
      const write = async () => {
        const next = pending.flush();
        await settleWritten();
        writing = next;
      };
      const drain = async () => {
        do await write();
        while (!pending.empty);
        await settleWritten();
      };
      const io = new ReadAhead((path, info) => kindOf(path) !== null && mustRead(this.store, path, info.size, info.mtimeMs, request.force ?? false));
      for (const [i, file] of files.entries()) {
        if (signal.aborted) {
          await drain();
          return finish('cancelled');
        }
        progress.currentFile = file.path;
        report();
        if (i + 1 < files.length) io.prefetch(files[i + 1]!.path);
        const outcome = await indexFile(this.store, file.folderId, file.path, request.force, io, pending, { parse: this.options.parse, signal });
        settle(file.path, outcome);
        if (pending.full) await write();
        progress.done++;
      }
      await drain();

      // Files that disappeared from a folder leave the index.
      for (const folder of request.folders) {
        const present = seen.get(folder.id)!;
        for (const doc of this.store.documentsOfFolder(folder.id)) {
          if (!present.has(doc.path)) {
            this.store.deleteDocument(doc.id);
            progress.removed++;
          }
        }
      }

      // This job's early documents, and those of a job that died before refining them.
      const early = this.store.unrefined(REFINE_BELOW);
      if (early.length > 0) {
        progress.phase = 'refining';
        progress.currentFile = null;
        report(true);
        this.store.reanalyze(early, kept);
      }
      if (!signal.aborted && written >= (this.options.optimizeAfterChars ?? OPTIMIZE_AFTER_CHARS) && 4 * writtenChunks >= this.store.chunkTotal) {
        progress.phase = 'optimizing';
        progress.currentFile = null;
        report(true);
        await this.optimize(jobId);
      }
      await this.embed(progress, report, signal);
      if (signal.aborted) return finish('cancelled');
      return finish('done');
    } catch (error) {
      this.log.error('index job failed', { jobId, error });
      try {
        batch?.discard();
        // A batch still being written settles on its own (its files are written or their counts undone).
        await writing;
      } catch {
        // the store is gone with the job
      }
      // A full disk, a read-only or damaged database: the clerk is told which, and what is indexed stays.
      if (endsTheJob(error)) return finish('failed', `Die Indexierung wurde abgebrochen. ${storageError(error).userMessage}`);
      return finish('failed', 'Die Indexierung wurde wegen eines Fehlers abgebrochen. Die Einzelheiten stehen in der Protokolldatei; bereits indexierte Dateien bleiben erhalten.');
    }
  }
}
