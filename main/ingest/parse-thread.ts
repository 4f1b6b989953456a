import { Worker } from 'node:worker_threads';
import { workerEntry } from '../worker-entry';
import { silentLogger, type Logger } from '../log';
import { parseHere, READ_LIMITS, type FileParser, type ParsedFile, type ReadLimits } from './parse-file';
import { type DocumentKind } from './types';
import { FileError } from '../file-error';

/** What one file may cost in the parse thread before it is given up. */
export interface ParseBudget {
  /** Wall-clock time from handing the file over to its result. */
  timeMs: number;
  /** The thread's heap (V8's old generation, `resourceLimits.maxOldGenerationSizeMb`); the file's bytes do not count. */
  memoryMb: number;
}

/**
 * 60 s and 1 GB: every hostile file of bench/hostile-files.bench.ts reads
 * in well under both (8 MB and 50 MB on one line, HTML nested 300,000
 * deep, 20,000 PDF pages); a file beyond them is broken or an attack, and
 * a clerk's job should not wait for it.
 */
/**
 * What goes to the parse thread: PDFs and office files whatever their size
 * (their libraries' work does not follow the file's size: a page tree, a
 * packed document), and any file from this size up.
 */
export const ON_THREAD = { kinds: ['pdf', 'docx', 'odt'] as readonly DocumentKind[], fromBytes: 4 * 1024 * 1024 };

export const needsThread = (kind: DocumentKind, bytes: number) => ON_THREAD.kinds.includes(kind) || bytes >= ON_THREAD.fromBytes;

export const PARSE_BUDGET: ParseBudget = { timeMs: 60_000, memoryMb: 1024 };

/** A thread not ready this long after its start counts as one that cannot start (it loads the parsers: 0.5 s through tsx, less bundled). */
const PARSE_START_MS = 30_000;

/** An idle parse thread ends after this long (it holds pdf.js and the parsers); the next file starts a new one. */
const PARSE_IDLE_MS = 60_000;

/** File name of the bundled parse thread beside the Electron main bundle (scripts/build-electron.mjs). */
const BUNDLED_PARSER = 'parse-worker.cjs';

export interface ParseRequest {
  id: number;
  kind: DocumentKind;
  bytes: Uint8Array;
  fallbackTitle: string;
  limits: ReadLimits;
}

export type ParseReply =
  | { kind: 'ready' }
  | { kind: 'parsed'; id: number; file: ParsedFile }
  /** A FileError: the file's German reason and the English detail. */
  | { kind: 'failed'; id: number; reason: string; detail: string }
  | { kind: 'error'; id: number; name: string; message: string; code?: string };


const seconds = (ms: number) => String(Math.round(ms / 10) / 100).replace('.', ',');
const megabytes = (mb: number) => (mb >= 1024 && mb % 1024 === 0 ? `${mb / 1024} GB` : `${mb} MB`);

const timeReason = (budget: ParseBudget) => `Die Datei war nach ${seconds(budget.timeMs)} Sekunden noch nicht gelesen und wurde übersprungen.`;
export const memoryReason = (budget: ParseBudget) => `Die Datei brauchte beim Lesen mehr als ${megabytes(budget.memoryMb)} Arbeitsspeicher und wurde übersprungen.`;
const CRASH_REASON = 'Die Datei konnte nicht verarbeitet werden (Einzelheiten im Protokoll).';

interface Pending {
  id: number;
  resolve(file: ParsedFile): void;
  reject(error: Error): void;
}

/** One started thread and the file it is reading. */
interface Slot {
  worker: Worker;
  /** Resolves when the thread has loaded the parsers; rejects if it ends before. */
  ready: Promise<void>;
  pending: Pending | null;
}

/**
 * Parses files on a thread of their own, one at a time, so that no file
 * holds up the interface or the job: a file that takes longer than the
 * time budget, or needs more heap than the memory budget, is given up with
 * a German reason (its thread is ended and the next file gets a new one),
 * and a cancelled job ends the thread at once, mid-file. One thread serves
 * file after file; it ends when idle for PARSE_IDLE_MS.
 *
 * The file's bytes are handed over to the thread (their buffer is detached
 * here). When the thread cannot start at all (a missing bundle, no
 * threads), files are parsed on this thread, without budgets.
 */
export class ParseThread {
  /** Applies to each file as it stands when the file is handed over. */
  readonly budget: ParseBudget;
  private readonly limits: ReadLimits;
  private readonly log: Logger;
  private slot: Slot | null = null;
  /** Why no thread can start; then every file is parsed here. */
  private unavailable: string | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Threads started so far (one more after each file that was given up). */
  started = 0;

  constructor(options: { budget?: Partial<ParseBudget>; limits?: ReadLimits; log?: Logger } = {}) {
    this.budget = { ...PARSE_BUDGET, ...options.budget };
    this.limits = options.limits ?? READ_LIMITS;
    this.log = options.log ?? silentLogger;
  }

  /** Parses one file (see FileParser); files wait for the one before. */
  readonly parse: FileParser = (kind, bytes, fallbackTitle, signal) => {
    const run = this.queue.then(() => this.parseOne(kind, bytes, fallbackTitle, signal));
    this.queue = run.catch(() => undefined);
    return run;
  };

  /**
   * Parses a file on the thread when it may need the budget (see
   * `needsThread`), else here: handing a small text file to the thread and
   * back (and starting the thread at all) cost more than parsing it, which
   * is linear in its size (docs/performance.md, Haus II).
   */
  readonly parseWhereNeeded: FileParser = (kind, bytes, fallbackTitle, signal) =>
    needsThread(kind, bytes.length) ? this.parse(kind, bytes, fallbackTitle, signal) : parseHere(kind, bytes, fallbackTitle, signal);

  /** Ends the thread; a file being read fails. */
  close(): void {
    this.closed = true;
    this.clearIdle();
    if (this.slot) {
      this.slot.pending?.reject(new Error('parse thread closed'));
      this.end(this.slot);
    }
  }

  private async parseOne(kind: DocumentKind, bytes: Uint8Array, fallbackTitle: string, signal?: AbortSignal): Promise<ParsedFile> {
    signal?.throwIfAborted();
    if (this.closed) throw new Error('parse thread closed');
    this.clearIdle();
    let slot: Slot | null = null;
    try {
      slot = await this.readySlot(signal);
      if (!slot) return await parseHere(kind, bytes, fallbackTitle, signal);
      return await this.send(slot, { id: this.nextId++, kind, bytes, fallbackTitle, limits: this.limits }, signal);
    } finally {
      // Only a file on its way keeps the process alive, not an idle thread.
      slot?.worker.unref();
      this.scheduleIdle();
    }
  }

  /** The running thread, started if need be; null if none can start. */
  private async readySlot(signal?: AbortSignal): Promise<Slot | null> {
    if (this.unavailable) return null;
    const slot = (this.slot ??= this.start());
    slot.worker.ref();
    try {
      await untilAborted(slot.ready, signal);
      return slot;
    } catch (error) {
      slot.worker.unref();
      if (signal?.aborted) throw signal.reason;
      if (this.closed) throw new Error('parse thread closed', { cause: error });
      this.unavailable = error instanceof Error ? error.message : String(error);
      if (this.slot === slot) this.slot = null;
      void slot.worker.terminate();
      this.log.warn('parse thread could not start; files are parsed on the main thread, without time or memory budget', { error });
      return null;
    }
  }

  private start(): Slot {
    const entry = workerEntry(BUNDLED_PARSER, new URL('./parse-worker.ts', import.meta.url));
    const worker = new Worker(entry.script, { eval: entry.eval, resourceLimits: { maxOldGenerationSizeMb: this.budget.memoryMb } });
    this.started++;
    worker.unref();
    let isReady = false;
    let ready!: { resolve: () => void; reject: (error: Error) => void };
    const slot: Slot = { worker, pending: null, ready: new Promise<void>((resolve, reject) => (ready = { resolve, reject })) };
    slot.ready.catch(() => undefined);
    const startTimer = setTimeout(() => ready.reject(new Error(`parse thread not ready after ${PARSE_START_MS} ms`)), PARSE_START_MS);
    startTimer.unref();
    void slot.ready.finally(() => clearTimeout(startTimer)).catch(() => undefined);
    worker.on('message', (reply: ParseReply) => {
      if (reply.kind === 'ready') {
        isReady = true;
        ready.resolve();
        return;
      }
      const pending = slot.pending;
      if (!pending || pending.id !== reply.id) return;
      if (reply.kind === 'parsed') pending.resolve(reply.file);
      else if (reply.kind === 'failed') pending.reject(new FileError(reply.reason, reply.detail));
      else pending.reject(Object.assign(new Error(reply.message), { name: reply.name, ...(reply.code ? { code: reply.code } : {}) }));
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (!isReady) return ready.reject(error);
      const pending = slot.pending;
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') pending?.reject(new FileError(memoryReason(this.budget), `parse thread out of memory (limit ${this.budget.memoryMb} MB): ${error.message}`));
      else pending?.reject(new FileError(CRASH_REASON, `parse thread failed: ${error.name}: ${error.message}`, { cause: error }));
      this.end(slot);
    });
    worker.on('exit', (code) => {
      if (!isReady) ready.reject(new Error(`parse thread exited with code ${code} before it was ready`));
      slot.pending?.reject(new FileError(CRASH_REASON, `parse thread exited with code ${code}`));
      if (this.slot === slot) this.slot = null;
    });
    return slot;
  }

  private send(slot: Slot, request: ParseRequest, signal?: AbortSignal): Promise<ParsedFile> {
    return new Promise<ParsedFile>((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        slot.pending = null;
      };
      // Past the budget, or cancelled: the thread is ended wherever it is (a parse cannot be interrupted otherwise).
      const giveUp = (error: unknown) => {
        settle();
        this.end(slot);
        reject(error);
      };
      const timer = setTimeout(() => giveUp(new FileError(timeReason(this.budget), `parse exceeded ${this.budget.timeMs} ms`)), this.budget.timeMs);
      const onAbort = () => giveUp(signal!.reason);
      slot.pending = {
        id: request.id,
        resolve: (file) => (settle(), resolve(file)),
        reject: (error) => (settle(), reject(error)),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        post(slot.worker, request);
      } catch (error) {
        slot.pending.reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  private end(slot: Slot): void {
    if (this.slot === slot) this.slot = null;
    void slot.worker.terminate();
  }

  private scheduleIdle(): void {
    this.clearIdle();
    if (!this.slot || this.closed) return;
    const slot = this.slot;
    this.idleTimer = setTimeout(() => {
      if (this.slot === slot && !slot.pending) this.end(slot);
    }, PARSE_IDLE_MS);
    this.idleTimer.unref();
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}

/** Hands the bytes over without a copy where their buffer is theirs alone; copies them otherwise. */
function post(worker: Worker, request: ParseRequest): void {
  const { bytes } = request;
  const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  const sent = own ? bytes : new Uint8Array(bytes);
  try {
    worker.postMessage({ ...request, bytes: sent }, [sent.buffer as ArrayBuffer]);
  } catch {
    // A buffer Node will not hand over (its pool): a copy.
    worker.postMessage({ ...request, bytes: sent });
  }
}

/** `promise`, or the signal's reason as soon as it fires. */
function untilAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
      (error: unknown) => (signal.removeEventListener('abort', onAbort), reject(error)),
    );
  });
}
