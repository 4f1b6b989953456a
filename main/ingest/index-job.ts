import type { IndexProgress } from '../contract';
import type { Logger } from '../log';
import type { IndexStore } from '../index/index-store';
import type { JobLock } from '../index/job-lock';
import type { WritePolicy } from '../index/write-policy';
import type { Embedder } from '../llm/embed';
import type { BatchOutcome } from './document-batch';
import { kindOf } from './formats';
import type { FileOutcome } from './index-file';
import type { FileParser } from './parse-file';
import { ReadAhead } from './read-ahead';
import { mustRead, readVerdict } from './read-file';
import { walk } from './walk';
import { WriteSession, type WriterSource } from './write-session';

/** Where the vectors go; VectorStore in the core. */
export interface VectorSink {
  readonly available: boolean;
  countMissing(model: string): number;
  missing(model: string, limit: number): { id: number; heading: string; text: string }[];
  put(model: string, items: { id: number; vector: Float32Array }[]): void;
}

export interface IndexRequest {
  folders: { id: number; path: string }[];
  force?: boolean;
}

/** What a job works with: the indexer's, the same for every job. */
interface JobContext {
  readonly store: IndexStore;
  readonly log: Logger;
  readonly emit: (progress: IndexProgress) => void;
  readonly embedder: () => Embedder | null;
  readonly vectors: VectorSink | null;
  readonly writer: WriterSource;
  readonly policy: WritePolicy;
  readonly lock?: JobLock;
  readonly parse?: FileParser;
  /** Runs the session's upkeep once the job has reported (see Indexer). */
  readonly afterJob: (upkeep: () => void) => void;
}

const EMBED_BATCH = 16;
/** Progress events at most this often (plus first and last), so a fast job does not flood the interface. */
const PROGRESS_INTERVAL_MS = 100;

/** A phase ended the job: run() reports it. */
class JobEnd {
  constructor(
    readonly phase: IndexProgress['phase'],
    readonly message?: string,
  ) {}
}

/**
 * One indexing job, phase by phase: the job lock, the vocabulary brought in
 * line, the folders walked, every file read (readVerdict) and written
 * (WriteSession), the documents of deleted files removed, the early
 * documents refined, the segments merged, the chunks embedded. It can be
 * cancelled between files.
 */
export class IndexJob {
  private readonly progress: IndexProgress;
  private readonly session: WriteSession;
  private lastEmit = 0;
  private lastPhase: IndexProgress['phase'] | null = null;
  private readonly files: { folderId: number; path: string }[] = [];
  /** The paths found in each folder. */
  private readonly seen = new Map<number, Set<string>>();

  constructor(
    private readonly context: JobContext,
    jobId: string,
    private readonly request: IndexRequest,
    private readonly signal: AbortSignal,
  ) {
    this.progress = { jobId, phase: 'scanning', done: 0, total: 0, currentFile: null, indexed: 0, unchanged: 0, removed: 0, problems: [] };
    this.session = new WriteSession(context.store, context.writer, context.policy, context.log, jobId);
  }

  private get jobId(): string {
    return this.progress.jobId;
  }

  async run(): Promise<IndexProgress> {
    const release = await this.waitForLock();
    if (release === null) return this.finish(new JobEnd('cancelled'));
    try {
      this.syncVocabulary();
      return this.finish(await this.write());
    } finally {
      release();
    }
  }

  /** The phases that write, under the lock; a failure ends the job with a German message. */
  private async write(): Promise<JobEnd> {
    try {
      this.session.begin();
      this.report(true);
      await this.scan();
      await this.indexFiles();
      this.removeDeleted();
      this.refine();
      await this.optimize();
      await this.embed();
      return new JobEnd(this.signal.aborted ? 'cancelled' : 'done');
    } catch (error) {
      if (error instanceof JobEnd) return error;
      this.context.log.error('index job failed', { jobId: this.jobId, error });
      return new JobEnd('failed', await this.session.abort(error));
    }
  }

  /** One job at a time per data folder: waits (phase `waiting`, cancellable) while another holds it. Null: cancelled meanwhile. */
  private async waitForLock(): Promise<(() => void) | null> {
    const { lock } = this.context;
    if (!lock) return () => {};
    this.progress.phase = 'waiting';
    const release = await lock.acquire(this.signal, (holder) => {
      this.progress.message = `Ein anderer Indexierungsauftrag läuft für diesen Datenordner (Prozess ${holder.pid} auf ${holder.host}). Dieser Auftrag beginnt, sobald er beendet ist.`;
      this.report(true);
    });
    delete this.progress.message;
    this.progress.phase = 'scanning';
    return release;
  }

  /** Another process may have indexed meanwhile, or a job died before saving the counts of what it wrote. */
  private syncVocabulary(): void {
    const { store, log } = this.context;
    const vocabulary = store.syncVocabulary();
    if (vocabulary !== 'current') log.info(`vocabulary ${vocabulary} before the job`, { jobId: this.jobId, words: store.vocabulary.size });
  }

  /** Walks the folders; what cannot be walked is a problem of the job, not an end. */
  private async scan(): Promise<void> {
    for (const folder of this.request.folders) {
      const paths = new Set<string>();
      this.seen.set(folder.id, paths);
      for await (const entry of walk(folder.path, this.signal)) {
        if (entry.type === 'file') {
          this.files.push({ folderId: folder.id, path: entry.path });
          paths.add(entry.path);
        } else {
          this.progress.problems.push({ path: entry.path, reason: entry.reason });
          this.context.log.warn('walk problem', { path: entry.path, detail: entry.detail });
        }
        this.progress.total = this.files.length;
        this.report();
      }
    }
    if (this.signal.aborted) throw new JobEnd('cancelled');
  }

  /** Reads every file (the next one read ahead meanwhile) and hands its verdict to the session. */
  private async indexFiles(): Promise<void> {
    const { store, parse } = this.context;
    const force = this.request.force ?? false;
    this.progress.phase = 'indexing';
    const io = new ReadAhead((path, info) => kindOf(path) !== null && mustRead(store.documentByPath(path), info.size, info.mtimeMs, force));
    for (const [i, file] of this.files.entries()) {
      if (this.signal.aborted) {
        this.settle(await this.session.drain());
        throw new JobEnd('cancelled');
      }
      this.progress.currentFile = file.path;
      this.report();
      if (i + 1 < this.files.length) io.prefetch(this.files[i + 1]!.path);
      const existing = store.documentByPath(file.path);
      const verdict = await readVerdict(file.folderId, file.path, existing, { force, io, parse, signal: this.signal });
      this.count(file.path, this.session.accept({ ...file, existing }, verdict));
      if (this.session.full) this.settle(await this.session.write());
      this.progress.done++;
    }
    this.settle(await this.session.drain());
  }

  /** Files that disappeared from a folder leave the index. */
  private removeDeleted(): void {
    const { store } = this.context;
    for (const folder of this.request.folders) {
      const present = this.seen.get(folder.id)!;
      for (const doc of store.documentsOfFolder(folder.id)) {
        if (!present.has(doc.path)) {
          store.deleteDocument(doc.id);
          this.progress.removed++;
        }
      }
    }
  }

  /** This job's early documents, and those of a job that died before refining them. */
  private refine(): void {
    const early = this.session.unrefined();
    if (early.length === 0) return;
    this.enter('refining');
    this.session.refine(early);
  }

  /** After a job that wrote a large part of the index, FTS5's segments are merged into one. */
  private async optimize(): Promise<void> {
    if (this.signal.aborted || !this.session.mergeDue) return;
    this.enter('optimizing');
    await this.session.merge();
  }

  /**
   * Gives every chunk without a vector of the configured model one. A failure
   * (Ollama down, model missing) ends this phase with a message; the lexical
   * index is complete either way, and the next job continues where this stopped.
   */
  private async embed(): Promise<void> {
    const { vectors, log } = this.context;
    const embedder = this.context.embedder();
    if (!embedder || !vectors?.available) return;
    const toEmbed = vectors.countMissing(embedder.model);
    if (toEmbed === 0) return;
    this.progress.embedded = 0;
    this.progress.toEmbed = toEmbed;
    this.enter('embedding');
    while (!this.signal.aborted) {
      const batch = vectors.missing(embedder.model, EMBED_BATCH);
      if (batch.length === 0) break;
      try {
        const embedded = await embedder.embed(batch.map((c) => `${c.heading}\n\n${c.text}`));
        vectors.put(embedder.model, batch.map((c, i) => ({ id: c.id, vector: embedded[i]! })));
      } catch (error) {
        const reason = (error as { userMessage?: string }).userMessage ?? String((error as Error).message ?? error);
        this.progress.message = `Semantische Suche: Die Abschnitte konnten nicht mit ${embedder.model} eingebettet werden. Die Volltextsuche funktioniert. (${reason})`;
        log.warn('embedding failed', { model: embedder.model, error });
        return;
      }
      this.progress.embedded += batch.length;
      this.report();
    }
  }

  /** The session ends (the vocabulary saved, checkpoints resumed), the end is reported, and the upkeep follows. */
  private finish(end: JobEnd): IndexProgress {
    const { progress } = this;
    this.context.afterJob(this.session.end());
    progress.phase = end.phase;
    progress.currentFile = null;
    if (end.message) progress.message = end.message;
    this.report(true);
    this.context.log.info('index job finished', { jobId: this.jobId, phase: end.phase, indexed: progress.indexed, unchanged: progress.unchanged, removed: progress.removed, problems: progress.problems.length });
    return progress;
  }

  private settle(outcomes: BatchOutcome[]): void {
    for (const { path, outcome } of outcomes) this.count(path, outcome);
  }

  /** A file's outcome in the progress. */
  private count(path: string, outcome: FileOutcome): void {
    const { progress } = this;
    // Indexed, but not all of it (a PDF beyond its page limit): the clerk sees why.
    if ((outcome.kind === 'indexed' || outcome.kind === 'queued') && outcome.notice) progress.problems.push({ path, reason: outcome.notice });
    if (outcome.kind === 'indexed') progress.indexed++;
    else if (outcome.kind === 'unchanged') progress.unchanged++;
    else if (outcome.kind === 'scan') progress.problems.push({ path, reason: outcome.reason });
    else if (outcome.kind === 'failed') {
      progress.problems.push({ path, reason: outcome.reason });
      this.context.log.warn('file not indexed', { path, reason: outcome.reason, detail: outcome.detail });
    }
  }

  private enter(phase: IndexProgress['phase']): void {
    this.progress.phase = phase;
    this.progress.currentFile = null;
    this.report(true);
  }

  /** The first event of every phase always goes out; the rest at most every PROGRESS_INTERVAL_MS. */
  private report(force = false): void {
    const now = Date.now();
    if (force || this.progress.phase !== this.lastPhase || now - this.lastEmit >= PROGRESS_INTERVAL_MS) {
      this.lastEmit = now;
      this.lastPhase = this.progress.phase;
      this.context.emit({ ...this.progress, problems: [...this.progress.problems] });
    }
  }
}
