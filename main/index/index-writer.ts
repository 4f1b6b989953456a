import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../log';
import type { DocumentRows, WrittenDocument } from './document-writer';

export interface WriterData {
  /** The database file (already migrated by the app's own connection). */
  file: string;
  nativeBinding?: string;
}

export type WriterRequest = { kind: 'write'; id: number; rows: DocumentRows[] } | { kind: 'optimize'; id: number } | { kind: 'close' };

export type WriterReply =
  | { kind: 'ready' }
  | { kind: 'written'; id: number; results: (WrittenDocument | { error: string })[] }
  | { kind: 'optimized'; id: number }
  | { kind: 'failed'; id: number; error: string }
  | { kind: 'fatal'; error: string }
  | { kind: 'log'; level: 'warn' | 'error'; message: string; detail?: string };

/** File name of the bundled writer beside the Electron main bundle (scripts/build-electron.mjs). */
export const BUNDLED_WRITER = 'index-writer.cjs';

/** The bundled writer when running from the bundle; else the TypeScript source, run through tsx. */
function workerEntry(): { script: string; eval: boolean } {
  if (typeof __dirname === 'string') {
    const bundled = join(__dirname, BUNDLED_WRITER);
    if (existsSync(bundled)) return { script: bundled, eval: false };
  }
  const source = new URL('./write-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return { eval: true, script: `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(source)}); })` };
}

interface Waiting {
  resolve: (results: (WrittenDocument | Error)[]) => void;
  reject: (error: Error) => void;
}

/**
 * Writes analysed documents into the index on a second thread, so that
 * SQLite's share of indexing (a third to nearly half of it) runs on the
 * other core while this thread analyses the next files. Same database
 * file, own connection (WAL: the app's reads go on meanwhile). Requests
 * are written in the order they were sent.
 *
 * When the thread cannot start or dies, every waiting and later request
 * fails with the reason; the caller then writes on its own connection.
 */
export class IndexWriterThread {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();
  private stopped: string | null = null;

  constructor(
    data: WriterData,
    private readonly log: Logger,
  ) {
    const entry = workerEntry();
    this.worker = new Worker(entry.script, { eval: entry.eval, workerData: data });
    // Only waiting requests keep the process alive (see write), not an idle thread.
    this.worker.unref();
    this.worker.on('message', (reply: WriterReply) => this.receive(reply));
    this.worker.on('error', (error) => this.stop('writer thread failed', error));
    this.worker.on('exit', (code) => this.stop(`writer thread exited with code ${code}`));
  }

  get alive(): boolean {
    return this.stopped === null;
  }

  /** Writes the documents in one transaction (see DocumentWriter.write); rejects if it failed as a whole. */
  write(rows: DocumentRows[]): Promise<(WrittenDocument | Error)[]> {
    return this.send((id) => ({ kind: 'write', id, rows }));
  }

  /** Merges the FTS index's segments on the thread (see DocumentWriter.optimize), after what was sent before. */
  async optimize(): Promise<void> {
    await this.send((id) => ({ kind: 'optimize', id }));
  }

  private send(request: (id: number) => WriterRequest): Promise<(WrittenDocument | Error)[]> {
    if (this.stopped) return Promise.reject(new Error(this.stopped));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      if (this.waiting.size === 1) this.worker.ref();
      this.worker.postMessage(request(id));
    });
  }

  /** Ends the thread once what was sent is written. */
  close(): void {
    if (this.stopped) return;
    this.worker.postMessage({ kind: 'close' } satisfies WriterRequest);
  }

  private receive(reply: WriterReply): void {
    if (reply.kind === 'log') {
      this.log[reply.level](`writer thread: ${reply.message}`, reply.detail === undefined ? undefined : { detail: reply.detail });
      return;
    }
    if (reply.kind === 'fatal') {
      this.stop('writer thread could not open the database', new Error(reply.error));
      return;
    }
    if (reply.kind === 'ready') return;
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.worker.unref();
    if (reply.kind === 'failed') waiting.reject(new Error(reply.error));
    else if (reply.kind === 'optimized') waiting.resolve([]);
    else waiting.resolve(reply.results.map((r) => ('error' in r ? new Error(r.error) : r)));
  }

  private stop(reason: string, error?: Error): void {
    if (this.stopped) return;
    this.stopped = reason;
    if (error) this.log.warn(reason, { error });
    for (const waiting of this.waiting.values()) waiting.reject(new Error(reason));
    this.waiting.clear();
    this.worker.unref();
  }
}
