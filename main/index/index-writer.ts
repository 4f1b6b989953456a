import { Worker } from 'node:worker_threads';
import { workerEntry } from '../worker-entry';
import type { Logger } from '../log';
import type { DocumentRows, WrittenDocument } from './document-writer';

export interface WriterData {
  /** The database file (already migrated by the app's own connection). */
  file: string;
  nativeBinding?: string;
  /** One Int32 the thread sets to 1 once it holds no connection (see IndexWriterThread.close). */
  closed: SharedArrayBuffer;
}

/** A failure as the thread posts it: the text, and SQLite's error code when there is one. */
interface WriterFailure {
  error: string;
  code?: string;
}

export type WriterRequest = { kind: 'write'; id: number; rows: DocumentRows[] } | { kind: 'optimize'; id: number } | { kind: 'close' };

export type WriterReply =
  | { kind: 'ready' }
  | { kind: 'written'; id: number; results: (WrittenDocument | WriterFailure)[] }
  | { kind: 'optimized'; id: number }
  | ({ kind: 'failed'; id: number } & WriterFailure)
  | ({ kind: 'fatal' } & WriterFailure)
  | { kind: 'log'; level: 'warn' | 'error'; message: string; detail?: string };

/** File name of the bundled writer beside the Electron main bundle (scripts/build-electron.mjs). */
export const BUNDLED_WRITER = 'index-writer.cjs';


/** An Error with the thread's text and, like better-sqlite3's own errors, SQLite's `code`. */
function errorOf(failure: WriterFailure): Error {
  const error = new Error(failure.error);
  if (failure.code !== undefined) Object.assign(error, { code: failure.code });
  return error;
}

/**
 * How long close waits for the thread to close its connection: a batch it
 * is writing finishes first. Closed before the app's own connection, the
 * app's close is the last one and removes the write-ahead log.
 */
const CLOSE_WAIT_MS = 10_000;

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
  private readonly closed = new Int32Array(new SharedArrayBuffer(4));
  /** Closed: nothing more is sent; what was sent is still answered (its replies come before the thread's exit). */
  private closing = false;

  constructor(
    data: Omit<WriterData, 'closed'>,
    private readonly log: Logger,
  ) {
    const entry = workerEntry(BUNDLED_WRITER, new URL('./write-worker.ts', import.meta.url));
    this.worker = new Worker(entry.script, { eval: entry.eval, workerData: { ...data, closed: this.closed.buffer } satisfies WriterData });
    // Only waiting requests keep the process alive (see write), not an idle thread.
    this.worker.unref();
    this.worker.on('message', (reply: WriterReply) => this.receive(reply));
    this.worker.on('error', (error) => this.stop('writer thread failed', error));
    this.worker.on('exit', (code) => this.stop(`writer thread exited with code ${code}`));
  }

  get alive(): boolean {
    return this.stopped === null && !this.closing;
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
    if (this.stopped || this.closing) return Promise.reject(new Error(this.stopped ?? 'writer thread closed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      if (this.waiting.size === 1) this.worker.ref();
      this.worker.postMessage(request(id));
    });
  }

  /**
   * Ends the thread once what was sent is written, and returns when its
   * connection is closed (at most CLOSE_WAIT_MS): the app may close its
   * own connection right after.
   */
  close(): void {
    if (this.stopped || this.closing) return;
    this.worker.postMessage({ kind: 'close' } satisfies WriterRequest);
    this.closing = true;
    if (Atomics.wait(this.closed, 0, 0, CLOSE_WAIT_MS) === 'timed-out') this.log.warn('writer thread did not close its connection in time');
  }

  private receive(reply: WriterReply): void {
    if (reply.kind === 'log') {
      this.log[reply.level](`writer thread: ${reply.message}`, reply.detail === undefined ? undefined : { detail: reply.detail });
      return;
    }
    if (reply.kind === 'fatal') {
      this.stop('writer thread could not open the database', errorOf(reply));
      return;
    }
    if (reply.kind === 'ready') return;
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.worker.unref();
    if (reply.kind === 'failed') waiting.reject(errorOf(reply));
    else if (reply.kind === 'optimized') waiting.resolve([]);
    else waiting.resolve(reply.results.map((r) => ('error' in r ? errorOf(r) : r)));
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
