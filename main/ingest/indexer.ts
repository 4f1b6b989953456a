import { randomUUID } from 'node:crypto';
import type { IndexProgress } from '../contract';
import type { Logger } from '../log';
import { Running } from '../running';
import type { IndexStore } from '../index/index-store';
import type { JobLock } from '../index/job-lock';
import { writePolicy, type PolicyChanges, type WritePolicy } from '../index/write-policy';
import type { Embedder } from '../llm/embed';
import { IndexJob, type IndexRequest, type VectorSink } from './index-job';
import type { FileParser } from './parse-file';
import type { WriterSource } from './write-session';

export type { IndexRequest, VectorSink } from './index-job';
export type { WriterSource } from './write-session';

interface IndexerOptions {
  store: IndexStore;
  log: Logger;
  emit: (progress: IndexProgress) => void;
  /** The embedder for the current settings, or null when no embedding model is set (the default). */
  embedder?: () => Embedder | null;
  /** Where vectors go; none: no embedding phase. */
  vectors?: VectorSink | null;
  /** The writer thread (see WriteSession); none: every job writes on this thread. */
  writer?: WriterSource;
  /** One job at a time per data folder, across processes; none: this indexer is alone. */
  lock?: JobLock;
  /** Where files are parsed (a ParseThread's `parse`: its own thread, with a time and memory budget); this thread if absent. */
  parse?: FileParser;
  /** Changes to WRITE_POLICY (tests make thresholds small; the bench moves the writer thread). */
  policy?: PolicyChanges;
}

/**
 * Runs indexing jobs (IndexJob) one after another; each can be cancelled
 * between files.
 */
export class Indexer {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly running = new Running();
  /** Upkeep of finished jobs that has not run yet (see WriteSession.end). */
  private readonly upkeep = new Set<() => void>();
  private readonly policy: WritePolicy;

  constructor(private readonly options: IndexerOptions) {
    this.policy = writePolicy(options.policy);
  }

  start(request: IndexRequest): { jobId: string; done: Promise<IndexProgress> } {
    const jobId = randomUUID();
    const signal = this.running.begin(jobId, 'Dieser Auftrag läuft bereits.');
    const done = this.queue.then(() => this.job(jobId, request, signal).run());
    this.queue = done.catch(() => undefined);
    // Never an unhandled rejection: a job that dies (the database closed under it at quit) is logged in run().
    void this.queue.finally(() => this.running.end(jobId));
    return { jobId, done };
  }

  cancel(jobId: string): boolean {
    return this.running.cancel(jobId);
  }

  /** Cancels every job, and runs now the upkeep of a job that has just ended: the core closes the database next. */
  cancelAll(): void {
    this.running.cancelAll();
    for (const upkeep of [...this.upkeep]) this.runUpkeep(upkeep);
  }

  /** Resolves when every job started so far has finished. */
  idle(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  private job(jobId: string, request: IndexRequest, signal: AbortSignal): IndexJob {
    const { store, log, emit, embedder = () => null, vectors = null, writer = () => null, lock, parse } = this.options;
    const afterJob = (upkeep: () => void) => {
      this.upkeep.add(upkeep);
      // Once the job has reported: the clerk can already search meanwhile.
      setTimeout(() => this.runUpkeep(upkeep), 0).unref();
    };
    return new IndexJob({ store, log, emit, embedder, vectors, writer, policy: this.policy, lock, parse, afterJob }, jobId, request, signal);
  }

  private runUpkeep(upkeep: () => void): void {
    if (!this.upkeep.delete(upkeep)) return;
    upkeep();
  }
}
